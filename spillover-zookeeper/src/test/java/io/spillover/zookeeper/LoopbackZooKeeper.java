package io.spillover.zookeeper;

import io.spillover.SpilloverClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/** A real ZooKeeper server for tests, on loopback only, without its admin web server. */
final class LoopbackZooKeeper {
  private LoopbackZooKeeper() {}

  static TestingServer start() throws Exception {
    System.setProperty("zookeeper.admin.enableServer", "false");
    InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1", "admin.enableServer", "false"), "127.0.0.1");
    return new TestingServer(spec, true);
  }

  /** A clock of one VM: moved by the test, possibly skewed against the others. */
  static final class VmClock implements SpilloverClock {
    private final AtomicLong millis;

    VmClock(long startEpochMillis) {
      this.millis = new AtomicLong(startEpochMillis);
    }

    @Override
    public long nanoTime() {
      return millis.get() * 1_000_000;
    }

    @Override
    public long epochMillis() {
      return millis.get();
    }

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }
  }
}
