package io.spillover.zookeeper;

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
import io.spillover.zookeeper.LoopbackZooKeeper.VmClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Two VMs, each with its own registry and store, one fleet-wide spend cap on real ZooKeeper. */
class FleetSpendCapTest {
  private static final double CAP_USD_PER_HOUR = 1e-5;

  @Test
  void whenOneVmSpendsTheFleetsCapTheOtherStopsSpillingTooUntilTheHourMovesOn()
      throws Exception {
    VmClock clock = new VmClock(1_800_000_000_000L);
    FunctionApp app = FunctionApp.builder()
        .handle("svc", String.class, String.class, s -> "fn:" + s).build();
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperFleetStore storeA = store(server, "a", clock);
        ZooKeeperFleetStore storeB = store(server, "b", clock);
        SpilloverRegistry a = registry(storeA, app, clock);
        SpilloverRegistry b = registry(storeB, app, clock)) {
      Spillway<String, String> vmA = full(a);
      Spillway<String, String> vmB = full(b);
      int spilled = 0;
      for (; spilled < 200; spilled++) {
        try {
          vmA.call("x", s -> s);
        } catch (SpillRejectedException e) {
          assertThat(e.reason()).isEqualTo(Reason.SPEND_CAP_REACHED);
          break;
        }
      }
      assertThat(spilled).as("A spilled until the cap, then stopped").isBetween(1, 199);
      storeA.syncNow();
      storeB.syncNow();
      assertThatThrownBy(() -> vmB.call("z", s -> s))
          .isInstanceOfSatisfying(SpillRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.SPEND_CAP_REACHED);
            assertThat(e.getMessage()).contains("the fleet's spend cap").contains("2 VMs");
          });
      assertThat(vmB.metrics().spendLastHourUsd()).as("B's own spend is far below the cap")
          .isLessThan(CAP_USD_PER_HOUR / 2);
      clock.advance(Duration.ofMinutes(61));
      storeA.syncNow();
      storeB.syncNow();
      assertThat(vmB.call("later", s -> s)).isEqualTo("fn:later");
    }
  }

  private static ZooKeeperFleetStore store(TestingServer server, String member, VmClock clock) {
    return ZooKeeperFleetStore.builder().connectString(server.getConnectString()).member(member)
        .clock(clock).syncInterval(Duration.ofHours(1)).build();
  }

  private static SpilloverRegistry registry(ZooKeeperFleetStore store, FunctionApp app,
      VmClock clock) {
    return SpilloverRegistry.builder().provider(InProcessProvider.create().deploy("twin", app))
        .clock(clock).tickInterval(Duration.ZERO).fleet(store).build();
  }

  /** The VM's spillway with its only local permit held: every call spills. */
  private static Spillway<String, String> full(SpilloverRegistry registry) {
    Spillway<String, String> sw = registry.spillway("svc", SpillwayConfig.custom()
        .limit(Limits.fixed(1)).function(FunctionRef.of("in-process", "twin"))
        .maxWait(Duration.ZERO).fleetSpendCapPerHour(CAP_USD_PER_HOUR).build(),
        String.class, String.class);
    sw.callAsync("held", s -> new CompletableFuture<>());
    return sw;
  }
}
