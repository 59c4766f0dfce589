package io.spillover.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpillRejectedException;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import io.spillover.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The fleet-wide spend cap, on a store that is a plain shared object (the SPI's contract). */
class FleetSpendCapTest {
  private final ManualClock clock = new ManualClock();
  private final java.util.List<SpilloverRegistry> registries = new java.util.ArrayList<>();
  private final FunctionApp app = FunctionApp.builder()
      .handle("svc", String.class, String.class, s -> "fn:" + s).build();

  /** A fleet store in memory: what every VM records, every VM sees (when not stale). */
  static final class SharedLedger implements FleetStore, FleetSpend {
    double fleetUsd;
    double ownUsd;
    int members = 2;
    boolean stale;

    @Override public FleetSpend spend(String service) { return this; }
    @Override public void close() {}
    @Override public synchronized void record(double usd, long epochMillis) {
      fleetUsd += usd;
      ownUsd += usd;
    }
    @Override public synchronized FleetView view(long epochMillis) {
      return new FleetView(fleetUsd, members, stale, ownUsd);
    }
  }

  private Spillway<String, String> vm(SharedLedger store, double cap) {
    SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(InProcessProvider.create().deploy("twin", app))
        .clock(clock).tickInterval(Duration.ZERO).fleet(store).build();
    registries.add(registry);
    Spillway<String, String> sw = registry.spillway("svc", SpillwayConfig.custom()
        .limit(Limits.fixed(1)).function(FunctionRef.of("in-process", "twin"))
        .maxWait(Duration.ZERO).fleetSpendCapPerHour(cap).build(), String.class, String.class);
    sw.callAsync("held", s -> new CompletableFuture<>());
    return sw;
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    registries.forEach(SpilloverRegistry::close);
  }

  @Test
  void everyVmStopsSpillingWhenTheFleetsLastHourReachesTheCap() {
    SharedLedger store = new SharedLedger();
    Spillway<String, String> a = vm(store, 1.0);
    assertThat(a.call("1", s -> s)).isEqualTo("fn:1");
    store.fleetUsd = 1.0; // the other VMs spent the rest
    assertThatThrownBy(() -> a.call("2", s -> s))
        .isInstanceOfSatisfying(SpillRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SPEND_CAP_REACHED);
          assertThat(e.getMessage()).contains("the fleet's spend cap of 1.0 USD per hour")
              .contains("2 VMs");
        });
  }

  @Test
  void aStaleStoreLeavesEachVmItsStaticShare() {
    SharedLedger store = new SharedLedger();
    Spillway<String, String> a = vm(store, 1.0);
    store.stale = true;
    store.members = 4;
    store.ownUsd = 0.24;
    assertThat(a.call("1", s -> s)).as("under 1/4 of the cap").isEqualTo("fn:1");
    store.ownUsd = 0.25;
    assertThatThrownBy(() -> a.call("2", s -> s))
        .isInstanceOfSatisfying(SpillRejectedException.class, e ->
            assertThat(e.getMessage()).contains("store unreachable").contains("1/4"));
  }

  @Test
  void aFleetCapWithoutAStoreIsRefusedWhenTheSpillwayIsCreated() {
    try (SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(InProcessProvider.create().deploy("twin", app)).build()) {
      assertThatThrownBy(() -> registry.spillway("svc", SpillwayConfig.custom()
          .function(FunctionRef.of("in-process", "twin")).fleetSpendCapPerHour(1).build(),
          String.class, String.class))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fleet store");
    }
  }

  @Test
  void aStaleViewComparesOwnSpendWithTheShareAndAFreshOneTheFleets() {
    assertThat(new FleetView(0.9, 3, false, 0.1).capReached(1.0)).isFalse();
    assertThat(new FleetView(1.0, 3, false, 0.1).capReached(1.0)).isTrue();
    assertThat(new FleetView(0.0, 3, true, 0.34).capReached(1.0)).isTrue();
    assertThat(new FleetView(5.0, 3, true, 0.3).capReached(1.0)).isFalse();
    assertThatThrownBy(() -> SpillwayConfig.custom().fleetSpendCapPerHour(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
