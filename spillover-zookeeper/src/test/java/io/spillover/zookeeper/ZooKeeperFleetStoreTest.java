package io.spillover.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.fleet.FleetView;
import io.spillover.zookeeper.LoopbackZooKeeper.VmClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZooKeeperFleetStoreTest {
  private static final long T0 = 1_800_000_000_000L;
  private TestingServer server;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = LoopbackZooKeeper.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private ZooKeeperFleetStore vm(String member, VmClock clock) {
    return vm(ZooKeeperFleetStore.builder().connectString(server.getConnectString()), member,
        clock);
  }

  private ZooKeeperFleetStore vm(ZooKeeperFleetStore.Builder b, String member, VmClock clock) {
    // the test syncs by hand: the background period is longer than any test
    ZooKeeperFleetStore store = b.member(member).clock(clock).syncInterval(Duration.ofHours(1))
        .staleAfter(Duration.ofSeconds(10)).connectionTimeout(Duration.ofSeconds(2)).build();
    open.add(store);
    return store;
  }

  @Test
  void everyVmSeesTheFleetsSpendAndSize() {
    VmClock clock = new VmClock(T0);
    ZooKeeperFleetStore a = vm("a", clock);
    ZooKeeperFleetStore b = vm("b", clock);
    a.spend("svc").record(3.0, clock.epochMillis());
    b.spend("svc").record(2.0, clock.epochMillis());
    assertThat(a.syncNow()).isTrue();
    assertThat(b.syncNow()).isTrue();
    assertThat(a.syncNow()).isTrue();
    FleetView view = a.view("svc");
    assertThat(view.lastHourUsd()).isEqualTo(5.0);
    assertThat(view.ownLastHourUsd()).isEqualTo(3.0);
    assertThat(view.members()).isEqualTo(2);
    assertThat(view.stale()).isFalse();
    assertThat(view.capReached(5.0)).isTrue();
    assertThat(a.view("other").lastHourUsd()).as("fleets are per service").isZero();
  }

  @Test
  void aVmWhoseSessionEndsLeavesTheFleetButItsSpendStaysForTheHour() throws Exception {
    VmClock clock = new VmClock(T0);
    ZooKeeperFleetStore a = vm("a", clock);
    CuratorFramework crashing = CuratorFrameworkFactory.newClient(server.getConnectString(),
        new RetryOneTime(100));
    crashing.start();
    ZooKeeperFleetStore b = vm(ZooKeeperFleetStore.builder().client(crashing), "b", clock);
    b.spend("svc").record(2.0, clock.epochMillis());
    a.spend("svc");
    b.syncNow();
    a.syncNow();
    assertThat(a.view("svc").members()).isEqualTo(2);
    crashing.close(); // the session ends without the store leaving: as a crash does
    a.syncNow();
    assertThat(a.view("svc").members()).isEqualTo(1);
    assertThat(a.view("svc").lastHourUsd()).as("money spent stays spent").isEqualTo(2.0);
    clock.advance(Duration.ofMinutes(61));
    a.syncNow();
    assertThat(a.view("svc").lastHourUsd()).isZero();
  }

  @Test
  void whileTheStoreIsDownEachVmKeepsToItsStaticShareAndRecoversWhenItIsBack() throws Exception {
    VmClock clock = new VmClock(T0);
    ZooKeeperFleetStore a = vm("a", clock);
    ZooKeeperFleetStore b = vm("b", clock);
    a.spend("svc").record(0.3, clock.epochMillis());
    b.spend("svc");
    b.syncNow();
    a.syncNow();
    assertThat(a.view("svc").capReached(1.0)).isFalse();
    server.stop();
    assertThat(a.syncNow()).isFalse();
    assertThat(a.view("svc").stale()).as("not yet: the last view is fresh").isFalse();
    clock.advance(Duration.ofSeconds(11));
    FleetView down = a.view("svc");
    assertThat(down.stale()).isTrue();
    assertThat(down.members()).as("the last known size").isEqualTo(2);
    a.spend("svc").record(0.2, clock.epochMillis());
    assertThat(a.view("svc").capReached(1.0)).as("0.5 of 1.0 / 2 VMs").isTrue();
    server.restart();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(a::syncNow);
    assertThat(a.view("svc").stale()).isFalse();
  }

  @Test
  void aVmWhoseClockRunsAheadIsStillCounted() {
    VmClock clock = new VmClock(T0);
    VmClock ahead = new VmClock(T0 + Duration.ofSeconds(90).toMillis());
    ZooKeeperFleetStore a = vm("a", clock);
    ZooKeeperFleetStore b = vm("b", ahead);
    b.spend("svc").record(1.5, ahead.epochMillis());
    a.spend("svc");
    b.syncNow();
    a.syncNow();
    assertThat(a.view("svc").lastHourUsd()).isEqualTo(1.5);
  }

  @Test
  void aDamagedSpendNodeCountsAsNothingAndStopsNoOne() throws Exception {
    VmClock clock = new VmClock(T0);
    ZooKeeperFleetStore a = vm("a", clock);
    a.spend("svc").record(1.0, clock.epochMillis());
    a.syncNow();
    try (CuratorFramework raw = CuratorFrameworkFactory.newClient(server.getConnectString(),
        new RetryOneTime(100))) {
      raw.start();
      long minute = Math.floorDiv(T0, 60_000);
      raw.create().forPath("/spillover/services/svc/spend/junk",
          ("garbage\n=1\n" + minute + "=x\n" + minute + "=0.25\n" + minute + "=-7\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    assertThat(a.syncNow()).isTrue();
    assertThat(a.view("svc").lastHourUsd()).isEqualTo(1.25);
  }

  @Test
  void settingsAreCheckedWhenGiven() {
    assertThatThrownBy(() -> ZooKeeperFleetStore.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ZooKeeperFleetStore.builder().root("nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ZooKeeperFleetStore.builder().member("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ZooKeeperFleetStore.builder().staleAfter(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
