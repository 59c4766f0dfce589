package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spillover.SpilloverRegistry;
import io.spillover.micrometer.SpilloverMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SpilloverActuatorConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
          SpilloverMetricsAutoConfiguration.class, SpilloverEndpointAutoConfiguration.class,
          SpilloverHealthIndicatorAutoConfiguration.class))
      .withPropertyValues("spillover.tick-interval=0s");

  @Test
  void bindsMetricsWhenAMeterRegistryExists() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasSingleBean(SpilloverMetrics.class);
      context.getBean(Spillways.class).spillway("svc", String.class, String.class)
          .call("x", s -> s);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get("spillover.limit").tag("spillway", "svc").gauge().value())
          .isPositive();
      assertThat(meters.get("spillover.calls").tags("spillway", "svc", "route", "local",
          "outcome", "success").functionCounter().count()).isEqualTo(1);
      assertThat(meters.get("spillover.call.duration").tags("spillway", "svc", "route", "local")
          .timer().count()).as("timed through the listener").isEqualTo(1);
    });
  }

  @Test
  void noMetricsWithoutAMeterRegistryOrWhenDisabled() {
    runner.run(context -> assertThat(context).doesNotHaveBean(SpilloverMetrics.class));
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("spillover.metrics.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SpilloverMetrics.class));
  }

  @Test
  void healthIndicatorByDefaultAndEndpointWhenExposed() {
    runner.run(context -> assertThat(context).hasBean("spilloverHealthIndicator")
        .doesNotHaveBean(SpilloverEndpoint.class));
    runner.withPropertyValues("management.endpoints.web.exposure.include=spillover")
        .run(context -> assertThat(context).hasSingleBean(SpilloverEndpoint.class));
  }

  @Test
  void noEndpointWithoutTheActuatorOrWhenNotAvailable() {
    ApplicationContextRunner exposed =
        runner.withPropertyValues("management.endpoints.web.exposure.include=spillover");
    exposed.withClassLoader(new FilteredClassLoader(Endpoint.class))
        .run(context -> assertThat(context).doesNotHaveBean(SpilloverEndpoint.class));
    exposed.withPropertyValues("management.endpoint.spillover.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(SpilloverEndpoint.class));
  }

  @Test
  void noHealthIndicatorWithoutBootHealthOrWhenDisabled() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).doesNotHaveBean("spilloverHealthIndicator"));
    runner.withPropertyValues("management.health.spillover.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("spilloverHealthIndicator"));
  }

  @Test
  void nothingWithoutARegistry() {
    runner.withPropertyValues("spillover.enabled=false")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> assertThat(context).doesNotHaveBean(SpilloverEndpoint.class)
            .doesNotHaveBean(SpilloverMetrics.class).doesNotHaveBean("spilloverHealthIndicator"));
  }

  @Test
  void healthIsUpUnlessEveryBreakerIsOpen() {
    SpilloverRegistry registry = SpilloverRegistry.builder().tickInterval(java.time.Duration.ZERO)
        .build();
    SpilloverHealthIndicator indicator = new SpilloverHealthIndicator(registry);
    assertThat(indicator.health(true).getStatus()).as("no function targets").isEqualTo(Status.UP);

    registry.circuitBreakerRegistry().circuitBreaker("lambda:a");
    registry.circuitBreakerRegistry().circuitBreaker("lambda:b").transitionToOpenState();
    Health some = indicator.health(true);
    assertThat(some.getStatus()).isEqualTo(Status.UP);
    assertThat(some.getDetails()).containsEntry("breakers",
        Map.of("lambda:a", "CLOSED", "lambda:b", "OPEN"));

    registry.circuitBreakerRegistry().circuitBreaker("lambda:a").transitionToForcedOpenState();
    assertThat(indicator.health(true).getStatus()).isEqualTo(SpilloverHealthIndicator.DEGRADED);
    registry.close();
  }
}
