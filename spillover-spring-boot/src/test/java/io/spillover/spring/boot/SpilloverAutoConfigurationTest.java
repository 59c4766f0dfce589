package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayListener;
import io.spillover.function.FunctionApp;
import io.spillover.spring.boot.internal.InProcessProviderFactory;
import io.spillover.spring.boot.internal.SpillwayConfigResolver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SpilloverAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class))
      // these tests read configs without creating their spillways
      .withPropertyValues("spillover.startup-check.properties=off");

  @Test
  void createsRegistryAndSpillwaysByDefault() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(SpilloverRegistry.class).hasSingleBean(Spillways.class)
          .hasSingleBean(SpillwayConfigResolver.class)
          .doesNotHaveBean(InProcessProviderFactory.class);
      assertThat(context.getBean(Spillways.class).registry())
          .isSameAs(context.getBean(SpilloverRegistry.class));
    });
  }

  @Test
  void backsOffWhenDisabled() {
    runner.withPropertyValues("spillover.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SpilloverRegistry.class)
            .doesNotHaveBean(Spillways.class));
  }

  @Test
  void backsOffWithoutSpilloverCore() {
    runner.withClassLoader(new FilteredClassLoader(SpilloverRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean(SpilloverRegistry.class));
  }

  @Test
  void usesTheApplicationsRegistry() {
    SpilloverRegistry mine = SpilloverRegistry.builder().tickInterval(Duration.ZERO).build();
    runner.withBean(SpilloverRegistry.class, () -> mine).run(context -> {
      assertThat(context).getBean(SpilloverRegistry.class).isSameAs(mine);
      assertThat(context.getBean(Spillways.class).registry()).isSameAs(mine);
    });
  }

  @Test
  void closesWhatFactoriesMadeButLeavesProviderBeansToTheContext() {
    Twins.CountingProvider made = new Twins.CountingProvider("made");
    Twins.CountingProvider bean = new Twins.CountingProvider("bean");
    runner.withBean(FunctionProviderFactory.class, () -> providers -> made)
        .withBean(Twins.CountingProvider.class, () -> bean)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(made.closed).hasValue(0);
        });
    assertThat(made.closed).as("the registry owns and closes what a factory made").hasValue(1);
    assertThat(bean.closed).as("the context, not the registry, closes a bean").hasValue(1);
  }

  @Test
  void registersFunctionProviderBeans() {
    runner.withUserConfiguration(Twins.EchoProviderBean.class)
        .withPropertyValues("spillover.spillways.echo.function.provider=twins",
            "spillover.spillways.echo.function.target=echo")
        .run(context -> {
          Spillway<String, String> echo = context.getBean(Spillways.class)
              .spillway("echo", String.class, String.class);
          assertThat(echo.config().function().toString()).isEqualTo("twins:echo");
        });
  }

  @Test
  void failsWhenAFunctionNamesNoRegisteredProvider() {
    runner.withPropertyValues("spillover.spillways.compose.function.provider=lambda",
        "spillover.spillways.compose.function.target=compose:live").run(context -> {
          assertThat(context).hasFailed();
          assertThat(Twins.startupProblem(context.getStartupFailure()))
              .isInstanceOf(SpilloverPropertyException.class)
              .hasMessageContaining("spillover.spillways.compose.function.provider")
              .hasMessageContaining("no function provider named 'lambda'");
        });
  }

  @Test
  void failsWhenAnEnabledPlatformHasNoProvider() {
    runner.withPropertyValues("spillover.providers.lambda.enabled=true").run(context -> {
      assertThat(context).hasFailed();
      assertThat(Twins.startupProblem(context.getStartupFailure()))
          .hasMessageContaining("spillover.providers.lambda.enabled")
          .hasMessageContaining("io.spillover:spillover-aws");
    });
  }

  @Test
  void failsOnTwoProvidersOfOneName() {
    runner.withBean("a", Twins.CountingProvider.class, () -> new Twins.CountingProvider("x"))
        .withBean("b", Twins.CountingProvider.class, () -> new Twins.CountingProvider("x"))
        .run(context -> assertThat(Twins.startupProblem(context.getStartupFailure()))
            .hasMessageContaining("two function providers are named 'x'"));
  }

  @Test
  void inProcessProviderDeploysFunctionAppBeansUnderTheirNames() {
    runner.withPropertyValues("spillover.providers.in-process.enabled=true",
            "spillover.spillways.echo.function.provider=in-process",
            "spillover.spillways.echo.function.target=echoTwin",
            "spillover.spillways.echo.limit.type=fixed", "spillover.spillways.echo.limit.value=1")
        .withBean("echoTwin", FunctionApp.class, Twins::echoApp)
        .run(context -> {
          assertThat(context).hasSingleBean(InProcessProviderFactory.class);
          Spillway<String, String> echo = context.getBean(Spillways.class)
              .spillway("echo", String.class, String.class);
          assertThat(spillWhileBusy(echo)).isEqualTo("twin:hi");
        });
  }

  @Test
  void inProcessProviderNeedsAFunctionApp() {
    runner.withPropertyValues("spillover.providers.in-process.enabled=true")
        .run(context -> assertThat(Twins.startupProblem(context.getStartupFailure()))
            .hasMessageContaining("no FunctionApp bean"));
  }

  @Test
  void passesListenersBreakersAndCustomizersToTheRegistry() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger customized = new AtomicInteger();
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    runner.withBean(SpillwayListener.class, () -> new SpillwayListener() {
          @Override
          public void onCall(String spillway, Route route, io.spillover.Outcome o, long nanos) {
            calls.incrementAndGet();
          }
        })
        .withBean(CircuitBreakerRegistry.class, () -> breakers)
        .withBean(SpilloverRegistryCustomizer.class,
            () -> builder -> customized.incrementAndGet())
        .run(context -> {
          SpilloverRegistry registry = context.getBean(SpilloverRegistry.class);
          assertThat(registry.circuitBreakerRegistry()).isSameAs(breakers);
          assertThat(customized).hasValue(1);
          context.getBean(Spillways.class).spillway("s", String.class, String.class)
              .call("x", s -> s);
          assertThat(calls).hasValue(1);
        });
  }

  @Test
  void tickIntervalDrivesThePeriodicWork() {
    runner.withUserConfiguration(Twins.EchoProviderBean.class)
        .withPropertyValues("spillover.tick-interval=20ms",
            "spillover.spillways.echo.function.provider=twins",
            "spillover.spillways.echo.function.target=echo",
            "spillover.spillways.echo.limit.type=fixed", "spillover.spillways.echo.limit.value=1",
            "spillover.spillways.echo.hysteresis.cool-down=0s")
        .run(context -> {
          Spillway<String, String> echo = context.getBean(Spillways.class)
              .spillway("echo", String.class, String.class);
          spillWhileBusy(echo);
          // spill mode ends only on a tick (or a later call): the registry's timer must run
          await().atMost(Duration.ofSeconds(10)).until(() -> !echo.metrics().spilling());
        });
  }

  @Test
  void refusesANegativeTickInterval() {
    runner.withPropertyValues("spillover.tick-interval=-1s")
        .run(context -> assertThat(Twins.startupProblem(context.getStartupFailure()))
            .hasMessageContaining("spillover.tick-interval: must be >= 0"));
  }

  /** Makes one call spill: a local call holds the only permit while another comes in. */
  static String spillWhileBusy(Spillway<String, String> spillway) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread busy = new Thread(() -> spillway.call("local", s -> {
      awaitRelease(release);
      return s;
    }));
    busy.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> spillway.metrics().inflightLocal() == 1);
      String reply = spillway.call("hi", s -> "local:" + s);
      assertThat(spillway.metrics().calls(Route.FUNCTION, io.spillover.Outcome.SUCCESS))
          .isPositive();
      return reply;
    } finally {
      release.countDown();
      busy.join(10_000);
    }
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the local call");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
