package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.Classification;
import io.spillover.OverloadAction;
import io.spillover.Priority;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionRef;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each {@code spillover.spillways.<name>.*} property reaches the spillway's config. */
class SpillwayPropertiesTest {
  private static final String S = "spillover.spillways.svc.";
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class))
      .withUserConfiguration(Twins.EchoProviderBean.class)
      // these tests read configs without creating their spillways
      .withPropertyValues("spillover.startup-check.properties=off");

  private void withConfig(Consumer<SpillwayConfig> check, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasNotFailed();
      check.accept(context.getBean(Spillways.class).config("svc"));
    });
  }

  private void failsWith(String message, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertThat(Twins.startupProblem(context.getStartupFailure())).hasMessageContaining(message);
    });
  }

  @Test
  void mapsEveryScalarSetting() {
    withConfig(c -> {
      assertThat(c.latencySlo()).isEqualTo(Duration.ofMillis(50));
      assertThat(c.function()).isEqualTo(FunctionRef.of("twins", "echo"));
      assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(c.maxWait()).isEqualTo(Duration.ofMillis(250));
      assertThat(c.maxWaiting()).isEqualTo(7);
      assertThat(c.maxConcurrentSpills()).isEqualTo(12);
      assertThat(c.adaptiveSpillConcurrency()).isFalse();
      assertThat(c.maxSpillsPerSecond()).isEqualTo(40.5);
      assertThat(c.maxPayloadBytes()).isEqualTo(6 * 1024 * 1024);
      assertThat(c.classification()).isEqualTo(Classification.PUBLIC);
      assertThat(c.idempotent()).isTrue();
      assertThat(c.overloadAction(Priority.BATCH)).isEqualTo(OverloadAction.SHED);
      assertThat(c.overloadAction(Priority.CRITICAL)).isEqualTo(OverloadAction.WAIT);
      assertThat(c.overloadAction(Priority.NORMAL)).isEqualTo(OverloadAction.SPILL);
      assertThat(c.spillHeadroom()).isEqualTo(0.2);
      assertThat(c.spillCoolDown()).isEqualTo(Duration.ofSeconds(9));
      assertThat(c.prewarm().instances()).isEqualTo(3);
      assertThat(c.prewarm().utilisation()).isEqualTo(0.7);
      assertThat(c.prewarm().period()).isEqualTo(Duration.ofMinutes(2));
      assertThat(c.pricing().memoryMb()).isEqualTo(1024);
      assertThat(c.spendCapPerHour()).isEqualTo(2.5);
      assertThat(c.retryAttempts()).isEqualTo(5);
      assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(20));
      assertThat(c.latencySampling()).isEqualTo(8);
      assertThat(c.adviceWindow()).isEqualTo(Duration.ofSeconds(30));
      assertThat(c.adviceCoolDown()).isEqualTo(Duration.ofMinutes(2));
      assertThat(c.pricing().initMillis()).isEqualTo(400);
    }, S + "latency-slo=50ms", S + "function.provider=twins", S + "function.target=echo",
        S + "timeout=3s", S + "max-wait=250ms", S + "max-waiting=7",
        S + "max-concurrent-spills=12", S + "adaptive-spill-concurrency=false",
        S + "max-spills-per-second=40.5",
        S + "max-payload-bytes=6MB", S + "classification=public", S + "idempotent=true",
        S + "overload.batch=shed", S + "overload.critical=wait",
        S + "hysteresis.headroom=0.2", S + "hysteresis.cool-down=9s",
        S + "prewarm.instances=3", S + "prewarm.utilisation=0.7", S + "prewarm.period=2m",
        S + "pricing.memory-mb=1024", S + "pricing.init-duration=400ms",
        S + "spend-cap-per-hour=2.5",
        S + "retry.attempts=5", S + "retry.backoff=20ms", S + "latency-sampling=8",
        S + "advice-window=30s", S + "advice-cool-down=2m");
  }

  @Test
  void customPricesBillAsConfigured() {
    withConfig(c -> assertThat(c.pricing().priceOf(100))
            .isCloseTo(2.0 * 1 * 0.001 + 0.5, org.assertj.core.api.Assertions.within(1e-12)),
        S + "pricing.memory-mb=2048", S + "pricing.gb-second-usd=0.001",
        S + "pricing.request-usd=0.5", S + "pricing.granularity=1s");
  }

  @Test
  void mapsTheLimitTypes() {
    withConfig(c -> assertThat(c.limit().create(c.latencySlo()).current()).isEqualTo(64),
        S + "limit.type=fixed", S + "limit.value=64");
    withConfig(c -> assertThat(c.limit().create(c.latencySlo()).current()).isEqualTo(33),
        S + "limit.type=adaptive", S + "limit.initial=33", S + "limit.min=2",
        S + "limit.max=90", S + "limit.tolerance=2", S + "limit.short-window=5",
        S + "limit.long-window=100", S + "limit.smoothing=0.5");
    withConfig(c -> assertThat(c.limit().create(c.latencySlo()).current()).isEqualTo(17),
        S + "limit.type=aimd", S + "limit.initial=17", S + "limit.backoff=0.8",
        S + "limit.slo=20ms");
  }

  @Test
  void startsFromTheDefaultConfigThenFromTheBaseConfig() {
    String d = "spillover.configs.default.";
    String shared = "spillover.configs.shared.";
    withConfig(c -> {
      assertThat(c.timeout()).as("from default").isEqualTo(Duration.ofSeconds(4));
      assertThat(c.maxWait()).as("shared over default").isEqualTo(Duration.ofMillis(300));
      assertThat(c.latencySlo()).as("spillway over shared").isEqualTo(Duration.ofMillis(25));
      assertThat(c.function()).as("target here, provider from shared")
          .isEqualTo(FunctionRef.of("twins", "echo"));
      assertThat(c.spillCoolDown()).as("hysteresis member from shared")
          .isEqualTo(Duration.ofSeconds(7));
      assertThat(c.spillHeadroom()).isEqualTo(0.3);
    }, d + "timeout=4s", d + "max-wait=1s", shared + "max-wait=300ms",
        shared + "latency-slo=80ms", shared + "function.provider=twins",
        shared + "hysteresis.cool-down=7s", S + "base-config=shared", S + "latency-slo=25ms",
        S + "function.target=echo", S + "hysteresis.headroom=0.3");
  }

  @Test
  void appliesCustomizersAfterInstanceAfterConfig() {
    String shared = "spillover.configs.shared.";
    runner.withPropertyValues(shared + "timeout=1s", shared + "max-wait=1s",
            shared + "max-waiting=1", S + "base-config=shared", S + "max-wait=2s",
            S + "max-waiting=2")
        .withBean("c1", SpillwayConfigCustomizer.class,
            () -> SpillwayConfigCustomizer.of("svc", b -> b.maxWaiting(3)))
        .run(context -> {
          SpillwayConfig c = context.getBean(Spillways.class).config("svc");
          assertThat(c.timeout()).as("config only").isEqualTo(Duration.ofSeconds(1));
          assertThat(c.maxWait()).as("instance over config").isEqualTo(Duration.ofSeconds(2));
          assertThat(c.maxWaiting()).as("customizer over instance").isEqualTo(3);
        });
  }

  @Test
  void customizerOfANamedConfigReachesItsSpillways() {
    runner.withPropertyValues("spillover.configs.shared.max-waiting=1", S + "base-config=shared")
        .withBean(SpillwayConfigCustomizer.class,
            () -> SpillwayConfigCustomizer.of("shared", b -> b.maxWaiting(5)))
        .run(context -> {
          assertThat(context.getBean(Spillways.class).config("svc").maxWaiting()).isEqualTo(5);
          assertThat(context.getBean(io.spillover.SpilloverRegistry.class)
              .configuration("shared").maxWaiting()).isEqualTo(5);
        });
  }

  @Test
  void reportsABadValueWithItsPropertyName() {
    failsWith("spillover.spillways.svc.max-concurrent-spills: maxConcurrentSpills must be >= 1",
        S + "max-concurrent-spills=0");
    failsWith("spillover.spillways.svc.hysteresis: headroom must be in [0, 0.5]",
        S + "hysteresis.headroom=0.9");
    failsWith("spillover.configs.default.timeout: timeout must be positive",
        "spillover.configs.default.timeout=0s");
  }

  @Test
  void failsOnAValueThatDoesNotParse() {
    failsWith("soon", S + "timeout=soon");
  }

  @Test
  void refusesIncompleteOrInconsistentSettings() {
    failsWith("limit parameters [value] are set but limit.type is not", S + "limit.value=3");
    failsWith("spillover.spillways.svc.limit.backoff: not a parameter of a fixed limit",
        S + "limit.type=fixed", S + "limit.value=3", S + "limit.backoff=0.8");
    failsWith("a fixed limit needs limit.value", S + "limit.type=fixed");
    failsWith("function.provider is not set here nor in the base config",
        S + "function.target=echo");
    failsWith("spillover.spillways.svc.function: function.target is not set",
        "spillover.configs.shared.function.provider=twins", S + "base-config=shared");
    failsWith("not set here nor in the base config: [utilisation, period]",
        S + "function.provider=twins", S + "function.target=echo", S + "prewarm.instances=2");
    failsWith("spillover.spillways.svc: prewarm needs a function", S + "prewarm.instances=2",
        S + "prewarm.utilisation=0.5", S + "prewarm.period=1m");
  }

  @Test
  void refusesUnknownAndCyclicBaseConfigs() {
    failsWith("spillover.spillways.svc.base-config: no config named 'nope'",
        S + "base-config=nope");
    failsWith("base-config cycle", "spillover.configs.a.base-config=b",
        "spillover.configs.b.base-config=a");
  }
}
