package io.spillover.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.fleet.FleetLease;
import io.spillover.fleet.FleetPermits;
import io.spillover.zookeeper.LoopbackZooKeeper.VmClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Three VMs lease a fleet-wide cap of 10 in-flight spills in blocks of 4 on real ZooKeeper. */
class FleetLeaseCapTest {
  private static final int CAP = 10;
  private static final String SVC = "svc";

  @Test
  void theFleetNeverHoldsMoreThanTheCapAndEachPermitCostsNoRoundTrip() throws Exception {
    VmClock clock = new VmClock(1_800_000_000_000L);
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperFleetStore a = store(server, "a", clock);
        ZooKeeperFleetStore b = store(server, "b", clock);
        ZooKeeperFleetStore c = store(server, "c", clock)) {
      List<FleetPermits> vms = List.of(a.permits(SVC, CAP), b.permits(SVC, CAP),
          c.permits(SVC, CAP));
      List<ZooKeeperFleetStore> stores = List.of(a, b, c);
      int[] held = new int[3];
      // every VM wants more than the cap alone: take all it may, sync, again, several rounds
      for (int round = 0; round < 6; round++) {
        for (int i = 0; i < 3; i++) {
          while (vms.get(i).tryAcquire()) {
            held[i]++;
          }
          stores.get(i).syncNow();
          int fleet = held[0] + held[1] + held[2];
          assertThat(fleet).as("spills in flight in the fleet, round %d", round)
              .isLessThanOrEqualTo(CAP);
          assertThat(leased(a) + leased(b) + leased(c)).isLessThanOrEqualTo(CAP);
        }
      }
      assertThat(held[0] + held[1] + held[2]).as("the cap is used").isEqualTo(CAP);
      // releasing frees the permits for the others after their leases shrink and regrow
      for (int n = 0; n < held[0]; n++) {
        vms.get(0).release();
      }
      held[0] = 0;
      a.syncNow(); // a has more than two blocks spare at most: it may keep some
      assertThat(vms.get(0).lease().inFlight()).isZero();
      assertThat(vms.get(0).lease().members()).isEqualTo(3);
    }
  }

  @Test
  void aCrashedVmsLeaseReturnsWithItsSession() throws Exception {
    VmClock clock = new VmClock(1_800_000_000_000L);
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperFleetStore b = store(server, "b", clock)) {
      CuratorFramework crashing = CuratorFrameworkFactory.newClient(server.getConnectString(),
          5000, 2000, new RetryOneTime(100));
      crashing.start();
      ZooKeeperFleetStore a = ZooKeeperFleetStore.builder().client(crashing).member("a")
          .clock(clock).syncInterval(Duration.ofHours(1)).build();
      FleetPermits vmA = a.permits(SVC, CAP);
      for (int i = 0; i < 3; i++) {
        drain(vmA);
        a.syncNow();
      }
      assertThat(leased(a)).isEqualTo(CAP);
      FleetPermits vmB = b.permits(SVC, CAP);
      b.syncNow();
      assertThat(vmB.tryAcquire()).as("A holds the whole cap").isFalse();
      crashing.close(); // the VM dies: its session ends, its ephemeral lease goes
      for (int i = 0; i < 3; i++) {
        drain(vmB);
        b.syncNow();
      }
      assertThat(b.lease(SVC).leased()).isEqualTo(CAP);
      assertThat(b.lease(SVC).members()).isEqualTo(1);
    }
  }

  @Test
  void storeDownKeepsEachVmToItsStaticShareAndItRecoversWhenTheStoreReturns()
      throws Exception {
    VmClock clock = new VmClock(1_800_000_000_000L);
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperFleetStore a = store(server, "a", clock);
        ZooKeeperFleetStore b = store(server, "b", clock)) {
      FleetPermits vmA = a.permits(SVC, CAP);
      b.permits(SVC, CAP);
      b.syncNow();
      List<FleetPermits> held = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        drain(vmA, held);
        a.syncNow();
      }
      assertThat(leased(a)).isEqualTo(6); // b leased a block of 4 first; a took the rest
      held.forEach(FleetPermits::release);
      held.clear();
      server.stop();
      clock.advance(Duration.ofSeconds(11)); // past staleAfter (10 s)
      assertThat(a.syncNow()).isFalse();
      FleetLease stale = a.lease(SVC);
      assertThat(stale.stale()).isTrue();
      assertThat(stale.allowed()).as("cap / last known fleet size").isEqualTo(CAP / 2);
      assertThat(drain(vmA, held)).isEqualTo(CAP / 2);
      held.forEach(FleetPermits::release);
      held.clear();
      server.restart();
      boolean back = false;
      for (int i = 0; i < 50 && !back; i++) {
        back = a.syncNow();
        Thread.sleep(100); // waiting for the client to reconnect to the restarted server
      }
      assertThat(back).isTrue();
      assertThat(a.lease(SVC).stale()).isFalse();
      assertThat(a.lease(SVC).allowed()).isGreaterThan(CAP / 2);
    }
  }

  private static int leased(ZooKeeperFleetStore store) {
    return store.lease(SVC).leased();
  }

  private static int drain(FleetPermits permits) {
    return drain(permits, new ArrayList<>());
  }

  private static int drain(FleetPermits permits, List<FleetPermits> held) {
    int n = 0;
    while (permits.tryAcquire()) {
      held.add(permits);
      n++;
    }
    return n;
  }

  private static ZooKeeperFleetStore store(TestingServer server, String member, VmClock clock) {
    return ZooKeeperFleetStore.builder().connectString(server.getConnectString()).member(member)
        .clock(clock).syncInterval(Duration.ofHours(1)).build();
  }
}
