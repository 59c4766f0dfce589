package io.spillover.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spillover.SpillRejectedException;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import io.spillover.micrometer.SpilloverMetrics;
import io.spillover.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A spillway's fleet-wide in-flight cap on a store whose lease is set by the test. */
class FleetPermitsTest {
  private final ManualClock clock = new ManualClock();
  private final FunctionApp app = FunctionApp.builder()
      .handle("svc", String.class, String.class, s -> "fn:" + s).build();
  private SpilloverRegistry registry;

  /** A lease of {@code leased} permits, no store behind it. */
  static final class Lease implements FleetStore, FleetPermits {
    int leased;
    int inFlight;
    int maxInFlight;
    volatile boolean stale;

    @Override public FleetSpend spend(String service) { throw new AssertionError("no spend cap"); }
    @Override public FleetPermits permits(String service, int cap) { return this; }
    @Override public void close() {}
    @Override public synchronized boolean tryAcquire() {
      if (inFlight >= leased) {
        return false;
      }
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      return true;
    }
    @Override public synchronized void release() { inFlight--; }
    @Override public synchronized FleetLease lease() {
      return new FleetLease(10, leased, leased, inFlight, 1, stale);
    }
  }

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void aSpillWithoutALeasedPermitIsRefusedAsForAFullBudgetAndAPermitComesBackAfterTheCall() {
    Lease lease = new Lease();
    Spillway<String, String> sw = vm(lease);
    assertThatThrownBy(() -> sw.call("x", s -> s))
        .isInstanceOfSatisfying(SpillRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SPILL_CONCURRENCY_FULL);
          assertThat(e.getMessage()).contains("no fleet permit free");
        });
    lease.leased = 1;
    assertThat(sw.call("a", s -> s)).isEqualTo("fn:a");
    assertThat(sw.call("b", s -> s)).isEqualTo("fn:b");
    assertThat(lease.inFlight).as("every permit given back").isZero();
    assertThat(lease.maxInFlight).isEqualTo(1);
  }

  @Test
  void aStoreThatStoppedAnsweringShowsInTheMetricsAndItsGaugeUntilItAnswersAgain() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SpilloverMetrics binding = SpilloverMetrics.of(meters);
    Lease lease = new Lease();
    Spillway<String, String> sw = vm(lease);
    binding.bindTo(registry);
    assertThat(sw.metrics().fleetStoreStale()).isFalse();
    assertThat(meters.get("spillover.fleet.stale").tags("spillway", "svc").gauge().value())
        .isZero();
    lease.stale = true;
    assertThat(sw.metrics().fleetStoreStale()).isTrue();
    assertThat(meters.get("spillover.fleet.stale").gauge().value()).isEqualTo(1);
    lease.stale = false;
    assertThat(sw.metrics().fleetStoreStale()).isFalse();
  }

  @Test
  void aFleetInFlightCapNeedsAStore() {
    registry = SpilloverRegistry.builder()
        .provider(InProcessProvider.create().deploy("twin", app))
        .clock(clock).tickInterval(Duration.ZERO).build();
    assertThatThrownBy(() -> registry.spillway("svc", config(), String.class, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fleetMaxConcurrentSpills");
  }

  @Test
  void aNegativeCapIsRefused() {
    assertThatThrownBy(() -> SpillwayConfig.custom().fleetMaxConcurrentSpills(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Spillway<String, String> vm(Lease store) {
    registry = SpilloverRegistry.builder()
        .provider(InProcessProvider.create().deploy("twin", app))
        .clock(clock).tickInterval(Duration.ZERO).fleet(store).build();
    Spillway<String, String> sw = registry.spillway("svc", config(), String.class, String.class);
    sw.callAsync("held", s -> new CompletableFuture<>());
    return sw;
  }

  private static SpillwayConfig config() {
    return SpillwayConfig.custom().limit(Limits.fixed(1))
        .function(FunctionRef.of("in-process", "twin")).maxWait(Duration.ZERO)
        .fleetMaxConcurrentSpills(10).build();
  }
}
