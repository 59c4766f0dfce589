package io.spillover.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.function.ReplayGuard.Verdict;
import io.spillover.zookeeper.LoopbackZooKeeper.VmClock;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The replay guard every instance of a function shares, on a real ZooKeeper server. */
class ZooKeeperReplayGuardTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final long KEEP = T0 + 30_000;

  @Test
  void aCallRunsOnceAcrossInstancesAndEachCallerHasItsOwnIds() throws Exception {
    VmClock clock = new VmClock(T0);
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperReplayGuard one = guard(server, clock);
        ZooKeeperReplayGuard two = guard(server, clock)) {
      assertThat(one.firstSeen("svc", "alice", "id-1", KEEP)).isEqualTo(Verdict.FIRST);
      assertThat(two.firstSeen("svc", "alice", "id-1", KEEP))
          .as("the replay reached another instance").isEqualTo(Verdict.SEEN);
      assertThat(two.firstSeen("svc", "mallory", "id-1", KEEP))
          .as("another caller's id is another call").isEqualTo(Verdict.FIRST);
      assertThat(two.firstSeen("other", "alice", "id-1", KEEP)).isEqualTo(Verdict.FIRST);
      assertThat(one.firstSeen("svc", "al", "iceid-1", KEEP))
          .as("keys are unambiguous").isEqualTo(Verdict.FIRST);
    }
  }

  @Test
  void entriesGoOnceTheirMinuteHasPassed() throws Exception {
    VmClock clock = new VmClock(T0);
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperReplayGuard guard = guard(server, clock)) {
      guard.firstSeen("svc", "alice", "id-1", KEEP);
      assertThat(guard.pruneNow()).isZero();
      clock.advance(Duration.ofMinutes(2));
      assertThat(guard.pruneNow()).isEqualTo(1);
      assertThat(guard.firstSeen("svc", "alice", "id-1", KEEP))
          .as("after its keep-until the call is refused as expired anyway")
          .isEqualTo(Verdict.FIRST);
    }
  }

  @Test
  void aStoreThatDoesNotAnswerRefusesTheCall() throws Exception {
    VmClock clock = new VmClock(T0);
    try (TestingServer server = LoopbackZooKeeper.start();
        ZooKeeperReplayGuard guard = guard(server, clock)) {
      server.stop();
      assertThat(guard.firstSeen("svc", "alice", "id-2", KEEP)).isEqualTo(Verdict.UNAVAILABLE);
    }
  }

  private static ZooKeeperReplayGuard guard(TestingServer server, VmClock clock) {
    return ZooKeeperReplayGuard.builder().connectString(server.getConnectString()).clock(clock)
        .connectionTimeout(Duration.ofSeconds(1)).build();
  }
}
