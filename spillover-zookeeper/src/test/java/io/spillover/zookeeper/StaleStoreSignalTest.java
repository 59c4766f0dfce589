package io.spillover.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import io.spillover.zookeeper.LoopbackZooKeeper.VmClock;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * A VM says so when its ZooKeeper stops answering: {@code fleetStoreStale()} (the gauge
 * {@code spillover.fleet.stale} and the health detail read it) turns true past staleAfter, for a
 * fleet spend cap and a fleet in-flight cap alike, and false again once the store is back.
 */
class StaleStoreSignalTest {
  @Test
  void aVmSaysItKeepsToItsStaticShareWhileTheStoreIsDownAndStopsSayingItWhenItIsBack()
      throws Exception {
    VmClock clock = new VmClock(1_800_000_000_000L);
    FunctionApp app = FunctionApp.builder()
        .handle("svc", String.class, String.class, s -> "fn:" + s).build();
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperFleetStore store = ZooKeeperFleetStore.builder()
            .connectString(server.getConnectString()).member("a").clock(clock)
            .syncInterval(Duration.ofHours(1)).staleAfter(Duration.ofSeconds(10)).build();
        SpilloverRegistry registry = SpilloverRegistry.builder()
            .provider(InProcessProvider.create().deploy("twin", app))
            .clock(clock).tickInterval(Duration.ZERO).fleet(store).build()) {
      Spillway<String, String> spend = registry.spillway("spend", SpillwayConfig.custom()
          .limit(Limits.fixed(1)).function(FunctionRef.of("in-process", "twin"))
          .fleetSpendCapPerHour(1.0).build(), String.class, String.class);
      Spillway<String, String> leased = registry.spillway("leased", SpillwayConfig.custom()
          .limit(Limits.fixed(1)).function(FunctionRef.of("in-process", "twin"))
          .fleetMaxConcurrentSpills(8).build(), String.class, String.class);
      assertThat(store.syncNow()).isTrue();
      assertThat(spend.metrics().fleetStoreStale()).isFalse();
      assertThat(leased.metrics().fleetStoreStale()).isFalse();

      server.stop();
      clock.advance(Duration.ofSeconds(11)); // past staleAfter
      assertThat(store.syncNow()).isFalse();
      assertThat(spend.metrics().fleetStoreStale()).as("spend cap").isTrue();
      assertThat(leased.metrics().fleetStoreStale()).as("in-flight cap").isTrue();

      server.restart();
      boolean back = false;
      for (int i = 0; i < 50 && !back; i++) {
        back = store.syncNow();
        Thread.sleep(100); // waiting for the client to reconnect to the restarted server
      }
      assertThat(back).isTrue();
      assertThat(spend.metrics().fleetStoreStale()).isFalse();
      assertThat(leased.metrics().fleetStoreStale()).isFalse();
    }
  }
}
