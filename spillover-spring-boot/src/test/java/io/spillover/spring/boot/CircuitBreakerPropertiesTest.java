package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.spillover.SpilloverRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code spillover.spillways.*.circuit-breaker.*} shape the breaker of the spillway's function
 * target, and an application's own {@code CircuitBreakerRegistry} is used, its defaults filling
 * the unset keys and its existing breakers winning.
 */
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerPropertiesTest {
  private static final String CB = "spillover.spillways.echo.circuit-breaker.";
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class))
      .withUserConfiguration(Twins.EchoProviderBean.class, EchoSpillway.class)
      .withPropertyValues("spillover.tick-interval=0s",
          "spillover.spillways.echo.function.provider=twins",
          "spillover.spillways.echo.function.target=echo");

  /** Creates the spillway "echo" at startup, as a service would. */
  @Configuration(proxyBeanMethods = false)
  static class EchoSpillway {
    @Bean
    Object echoSpillway(Spillways spillways) {
      return spillways.spillway("echo", String.class, String.class);
    }
  }

  /** An application with a breaker registry of its own. */
  @Configuration(proxyBeanMethods = false)
  static class OwnBreakers {
    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
      CircuitBreakerRegistry r = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
          .failureRateThreshold(25).waitDurationInOpenState(Duration.ofSeconds(7)).build());
      r.circuitBreaker("twins:pinned", CircuitBreakerConfig.custom().failureRateThreshold(90)
          .build());
      return r;
    }
  }

  private static CircuitBreakerConfig breaker(SpilloverRegistry registry) {
    return registry.circuitBreakerRegistry().circuitBreaker("twins:echo")
        .getCircuitBreakerConfig();
  }

  @Test
  void theKeysReachTheTargetsBreaker() {
    runner.withPropertyValues(CB + "failure-rate-threshold=20", CB + "slow-call-rate-threshold=80",
        CB + "slow-call-duration-threshold=2s", CB + "sliding-window-type=time-based",
        CB + "sliding-window-size=30", CB + "minimum-number-of-calls=10",
        CB + "wait-duration-in-open-state=15s",
        CB + "permitted-number-of-calls-in-half-open-state=3").run(context -> {
          assertThat(context).hasNotFailed();
          CircuitBreakerConfig c = breaker(context.getBean(SpilloverRegistry.class));
          assertThat(c.getFailureRateThreshold()).isEqualTo(20f);
          assertThat(c.getSlowCallRateThreshold()).isEqualTo(80f);
          assertThat(c.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(2));
          assertThat(c.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
          assertThat(c.getSlidingWindowSize()).isEqualTo(30);
          assertThat(c.getMinimumNumberOfCalls()).isEqualTo(10);
          assertThat(c.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(15_000L);
          assertThat(c.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
        });
  }

  @Test
  void unsetKeysComeFromTheBaseConfigThenFromResilience4jsDefaults() {
    runner.withPropertyValues("spillover.configs.default.circuit-breaker.sliding-window-size=40",
        CB + "failure-rate-threshold=20").run(context -> {
          CircuitBreakerConfig c = breaker(context.getBean(SpilloverRegistry.class));
          assertThat(c.getFailureRateThreshold()).isEqualTo(20f);
          assertThat(c.getSlidingWindowSize()).isEqualTo(40);
          assertThat(c.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(60_000L);
        });
  }

  @Test
  void aRefusedValueNamesItsKey() {
    runner.withPropertyValues(CB + "failure-rate-threshold=150").run(context ->
        assertThat(Twins.startupProblem(context.getStartupFailure()))
            .hasMessageContaining(CB + "failure-rate-threshold"));
  }

  @Test
  void theApplicationsRegistryIsUsedAndItsDefaultsFillTheUnsetKeys() {
    runner.withUserConfiguration(OwnBreakers.class)
        .withPropertyValues(CB + "sliding-window-size=30").run(context -> {
          SpilloverRegistry registry = context.getBean(SpilloverRegistry.class);
          assertThat(registry.circuitBreakerRegistry())
              .isSameAs(context.getBean(CircuitBreakerRegistry.class));
          CircuitBreakerConfig c = breaker(registry);
          assertThat(c.getSlidingWindowSize()).isEqualTo(30);
          assertThat(c.getFailureRateThreshold()).isEqualTo(25f);
          assertThat(c.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(7_000L);
        });
  }

  @Test
  void withoutKeysTheApplicationsDefaultConfigApplies() {
    runner.withUserConfiguration(OwnBreakers.class).run(context ->
        assertThat(breaker(context.getBean(SpilloverRegistry.class)).getFailureRateThreshold())
            .isEqualTo(25f));
  }

  @Test
  void aBreakerTheApplicationAlreadyHasWinsWithAWarning(CapturedOutput output) {
    runner.withUserConfiguration(OwnBreakers.class).withPropertyValues(
        "spillover.spillways.echo.function.target=pinned", CB + "failure-rate-threshold=20")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("twins:pinned")
              .getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(90f);
          assertThat(output).contains("spillway 'echo' has circuit-breaker settings, but the "
              + "breaker of twins:pinned already exists");
        });
  }
}
