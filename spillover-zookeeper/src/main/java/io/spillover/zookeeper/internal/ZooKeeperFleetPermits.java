package io.spillover.zookeeper.internal;

import io.spillover.fleet.FleetLease;
import io.spillover.fleet.FleetPermits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * One service's lease of a fleet-wide cap on in-flight spills. Under
 * {@code <root>/services/<service>/leases}, each VM's ephemeral node holds the permits it leased
 * (a crashed VM's go with its session). A lease only grows in a transaction that also bumps the
 * version of the {@code leases} node, so two VMs that read the same free room cannot both take
 * it. Calls touch memory only; {@link #sync} runs on the store's thread.
 */
public final class ZooKeeperFleetPermits implements FleetPermits {
  private final String leasesPath;
  private final String ownPath;
  private final int cap;
  private final int block;
  private final long staleAfterMillis;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile int leased;
  private volatile int allowed;
  private volatile int members;
  private volatile long lastSyncMillis = Long.MIN_VALUE;
  private volatile boolean stale;
  /** The fleet's free permits at the last sync: a starved VM asks for more only if there are. */
  private volatile int room = 1;
  /** Asks the store for a sync now when a spill finds no permit (once until it runs). */
  private final Runnable wake;
  private final AtomicBoolean wakePending = new AtomicBoolean();

  public ZooKeeperFleetPermits(String root, String service, String member, int cap, int block,
      long staleAfterMillis, int expectedMembers, Runnable wake) {
    this.wake = wake;
    this.leasesPath = root + "/services/" + service + "/leases";
    this.ownPath = leasesPath + "/" + member;
    this.cap = cap;
    this.block = block;
    this.staleAfterMillis = staleAfterMillis;
    this.members = expectedMembers;
  }

  @Override
  public boolean tryAcquire() {
    for (int n = inFlight.get(); n < allowed; n = inFlight.get()) {
      if (inFlight.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    if (room > 0 && !stale && wakePending.compareAndSet(false, true)) {
      wake.run();
    }
    return false;
  }

  @Override
  public void release() {
    inFlight.decrementAndGet();
  }

  @Override
  public FleetLease lease() {
    int a = allowed;
    return new FleetLease(cap, leased, a, inFlight.get(), members, stale);
  }

  /**
   * Reads the fleet's leases and grows this VM's by a block while it is short of one block of
   * headroom and the fleet has room, or shrinks it by a block when it has more than two spare.
   * Throws what the store throws; the caller then calls {@link #failed}.
   */
  public void sync(CuratorFramework client, long epochMillis) throws Exception {
    wakePending.set(false);
    try {
      client.create().creatingParentsIfNeeded().forPath(leasesPath);
    } catch (KeeperException.NodeExistsException exists) {
      // made by another VM, or by an earlier sync
    }
    for (int attempt = 0; attempt < 8; attempt++) {
      Stat parent = new Stat();
      client.getData().storingStatIn(parent).forPath(leasesPath);
      List<String> children = client.getChildren().forPath(leasesPath);
      int others = 0;
      int inStore = -1;
      for (String child : children) {
        int n = read(client, leasesPath + "/" + child);
        if ((leasesPath + "/" + child).equals(ownPath)) {
          inStore = n;
        } else {
          others += Math.max(0, n);
        }
      }
      int busy = inFlight.get();
      int want = leased;
      if (busy + block > leased) {
        want = leased + block;
      } else if (leased - busy > 2 * block) {
        want = leased - block;
      }
      want = Math.max(0, Math.min(want, cap - others));
      if (inStore < 0 || want < inStore) {
        allowed = Math.min(allowed, want); // shrink before the store hears of it: never above
      }
      if (want != inStore) {
        byte[] data = Integer.toString(want).getBytes(StandardCharsets.UTF_8);
        try {
          client.transaction().forOperations(
              client.transactionOp().setData().withVersion(parent.getVersion())
                  .forPath(leasesPath, new byte[0]),
              inStore < 0
                  ? client.transactionOp().create().withMode(CreateMode.EPHEMERAL)
                      .forPath(ownPath, data)
                  : client.transactionOp().setData().forPath(ownPath, data));
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
            | KeeperException.NoNodeException raced) {
          continue; // another VM changed the leases between the read and the write: read again
        }
      }
      leased = want;
      allowed = want;
      room = cap - others - want;
      members = Math.max(1, children.size() + (inStore < 0 ? 1 : 0));
      lastSyncMillis = epochMillis;
      stale = false;
      return;
    }
  }

  /** The store did not answer: past {@code staleAfter}, keep to the static share. */
  public void failed(long epochMillis) {
    long last = lastSyncMillis;
    if (last == Long.MIN_VALUE || epochMillis - last > staleAfterMillis) {
      allowed = Math.min(leased, cap / Math.max(1, members));
      stale = true;
    }
  }

  /** Gives this VM's lease back. */
  public void leave(CuratorFramework client) throws Exception {
    allowed = 0;
    try {
      client.delete().forPath(ownPath);
    } catch (KeeperException.NoNodeException gone) {
      // the session's end removed it first
    }
  }

  private static int read(CuratorFramework client, String path) throws Exception {
    try {
      return Integer.parseInt(new String(client.getData().forPath(path), StandardCharsets.UTF_8));
    } catch (KeeperException.NoNodeException gone) {
      return 0;
    } catch (NumberFormatException damaged) {
      return 0;
    }
  }
}
