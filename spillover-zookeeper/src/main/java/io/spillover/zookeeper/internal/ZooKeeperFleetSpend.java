package io.spillover.zookeeper.internal;

import io.spillover.fleet.FleetSpend;
import io.spillover.fleet.FleetView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * One service's fleet spend on ZooKeeper. Under {@code <root>/services/<service>}:
 * {@code members/<member>} is an ephemeral node (the session's end, a crash included, removes the
 * VM from the fleet's size) and {@code spend/<member>} a persistent one holding the member's spend
 * per minute (money spent stays spent after a crash, until it leaves the hour). The calls of the
 * spillway only touch memory; {@link #sync} runs on the store's thread.
 */
public final class ZooKeeperFleetSpend implements FleetSpend {
  private final String membersPath;
  private final String spendPath;
  private final String member;
  private final long staleAfterMillis;
  private final ConcurrentMap<Long, DoubleAdder> own = new ConcurrentHashMap<>();
  private volatile double othersLastHour;
  private volatile int members;
  private volatile long lastSyncMillis = Long.MIN_VALUE;

  public ZooKeeperFleetSpend(String root, String service, String member, long staleAfterMillis,
      int expectedMembers) {
    String base = root + "/services/" + service;
    this.membersPath = base + "/members";
    this.spendPath = base + "/spend";
    this.member = member;
    this.staleAfterMillis = staleAfterMillis;
    this.members = expectedMembers;
  }

  @Override
  public void record(double usd, long epochMillis) {
    if (usd > 0) {
      own.computeIfAbsent(SpendWindow.minute(epochMillis), m -> new DoubleAdder()).add(usd);
    }
  }

  @Override
  public FleetView view(long epochMillis) {
    double mine = SpendWindow.sum(ownMinutes(), SpendWindow.minute(epochMillis));
    long last = lastSyncMillis;
    boolean stale = last == Long.MIN_VALUE || epochMillis - last > staleAfterMillis;
    return new FleetView(othersLastHour + mine, members, stale, mine);
  }

  /**
   * Writes this member's spend, reads the others' and the fleet's size; drops nodes whose spend
   * has left every window. Throws what the store throws; the caller keeps the last view.
   */
  public void sync(CuratorFramework client, long epochMillis) throws Exception {
    long now = SpendWindow.minute(epochMillis);
    own.keySet().removeIf(m -> m <= now - SpendWindow.MINUTES - SpendWindow.SKEW_MINUTES);
    client.create().orSetData().creatingParentContainersIfNeeded()
        .withMode(CreateMode.EPHEMERAL).forPath(membersPath + "/" + member);
    client.create().orSetData().creatingParentContainersIfNeeded()
        .forPath(spendPath + "/" + member, SpendCodec.encode(ownMinutes()));
    double others = 0;
    for (String other : client.getChildren().forPath(spendPath)) {
      if (other.equals(member)) {
        continue;
      }
      Map<Long, Double> minutes;
      try {
        minutes = SpendCodec.decode(client.getData().forPath(spendPath + "/" + other));
      } catch (KeeperException.NoNodeException gone) {
        continue;
      }
      if (SpendWindow.expired(minutes, now)) {
        deleteQuietly(client, spendPath + "/" + other);
      } else {
        others += SpendWindow.sum(minutes, now);
      }
    }
    List<String> live = client.getChildren().forPath(membersPath);
    othersLastHour = others;
    members = Math.max(1, live.size());
    lastSyncMillis = epochMillis;
  }

  /** Leaves the fleet: the member node goes; the spend stays until it leaves the hour. */
  public void leave(CuratorFramework client) throws Exception {
    deleteQuietly(client, membersPath + "/" + member);
  }

  private Map<Long, Double> ownMinutes() {
    Map<Long, Double> minutes = new TreeMap<>();
    own.forEach((m, usd) -> minutes.put(m, usd.sum()));
    return minutes;
  }

  private static void deleteQuietly(CuratorFramework client, String path) throws Exception {
    try {
      client.delete().forPath(path);
    } catch (KeeperException.NoNodeException gone) {
      // another member pruned it first
    }
  }
}
