package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.fleet.FleetLease;
import io.spillover.fleet.FleetPermits;
import io.spillover.fleet.FleetSpend;
import io.spillover.fleet.FleetStore;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import io.spillover.micrometer.SpilloverMetrics;
import java.util.List;
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

  @Test
  void healthNamesTheSpillwaysKeptToAStaticShareByAStaleFleetStore() {
    StaleLease lease = new StaleLease();
    FunctionApp app = FunctionApp.builder().handle("svc", String.class, String.class, s -> s)
        .build();
    try (SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(InProcessProvider.create().deploy("twin", app))
        .tickInterval(java.time.Duration.ZERO).fleet(lease).build()) {
      registry.spillway("svc", SpillwayConfig.custom().limit(Limits.fixed(1))
          .function(FunctionRef.of("in-process", "twin")).fleetMaxConcurrentSpills(4).build(),
          String.class, String.class);
      SpilloverHealthIndicator indicator = new SpilloverHealthIndicator(registry);
      assertThat(indicator.health(true).getDetails()).containsEntry("fleetStoreStale", List.of());
      lease.stale = true;
      Health stale = indicator.health(true);
      assertThat(stale.getDetails()).containsEntry("fleetStoreStale", List.of("svc"));
      assertThat(stale.getStatus()).as("a static share still spills").isEqualTo(Status.UP);
    }
  }

  /** A fleet store whose lease the test marks stale. */
  static final class StaleLease implements FleetStore, FleetPermits {
    volatile boolean stale;

    @Override public FleetSpend spend(String service) { throw new AssertionError("no spend cap"); }
    @Override public FleetPermits permits(String service, int cap) { return this; }
    @Override public void close() {}
    @Override public boolean tryAcquire() { return true; }
    @Override public void release() {}
    @Override public FleetLease lease() { return new FleetLease(4, 4, 4, 0, 1, stale); }
  }
}
