package io.spillover.zookeeper;

import io.spillover.SpilloverClock;
import io.spillover.fleet.FleetLease;
import io.spillover.fleet.FleetPermits;
import io.spillover.fleet.FleetSpend;
import io.spillover.fleet.FleetStore;
import io.spillover.fleet.FleetView;
import io.spillover.zookeeper.internal.ZooKeeperFleetPermits;
import io.spillover.zookeeper.internal.ZooKeeperFleetSpend;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FleetStore} on Apache ZooKeeper, through Apache Curator: every VM of a service joins
 * as an ephemeral member (a crashed VM leaves when its session expires) and reports its spend at
 * most once per {@code syncInterval} (1 s by default), on a thread of its own; spillways read the
 * fleet's spend from memory, never from the store.
 *
 * <pre>{@code
 * ZooKeeperFleetStore fleet = ZooKeeperFleetStore.builder().connectString("zk1:2181,zk2:2181").build();
 * SpilloverRegistry registry = SpilloverRegistry.builder().fleet(fleet)...build();
 * // a spillway with SpillwayConfig.custom().fleetSpendCapPerHour(20)...
 * }</pre>
 *
 * <p>When the store cannot be reached for {@code staleAfter} (10 s by default), the views turn
 * stale and each VM keeps to its static share of the cap; they recover at the next good sync.
 */
public final class ZooKeeperFleetStore implements FleetStore {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperFleetStore.class);
  private final CuratorFramework client;
  private final boolean ownsClient;
  private final Builder settings;
  private final Map<String, ZooKeeperFleetSpend> ledgers = new ConcurrentHashMap<>();
  private final Map<String, ZooKeeperFleetPermits> leases = new ConcurrentHashMap<>();
  private final ScheduledExecutorService syncer;
  private volatile boolean failing;

  private ZooKeeperFleetStore(Builder b) {
    this.settings = b;
    this.ownsClient = b.ownsClient();
    this.client = b.connect(new ExponentialBackoffRetry(100, 2));
    this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spillover-fleet-sync");
      t.setDaemon(true);
      return t;
    });
    long period = b.syncInterval.toMillis();
    syncer.scheduleWithFixedDelay(this::syncNow, period, period, TimeUnit.MILLISECONDS);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public FleetSpend spend(String service) {
    Objects.requireNonNull(service, "service");
    boolean[] created = {false};
    ZooKeeperFleetSpend ledger = ledgers.computeIfAbsent(service, s -> {
      created[0] = true;
      return new ZooKeeperFleetSpend(settings.root, s, settings.member,
          settings.staleAfter.toMillis(), settings.expectedMembers);
    });
    if (created[0] && !syncer.isShutdown()) {
      syncer.execute(this::syncNow); // join now rather than at the next period
    }
    return ledger;
  }

  /**
   * This VM's lease of a fleet-wide cap on in-flight spills of {@code service}: permits leased
   * in blocks of {@code leaseBlock} (4 by default) at each sync, and at once when a spill finds
   * none free.
   */
  @Override
  public FleetPermits permits(String service, int fleetCap) {
    Objects.requireNonNull(service, "service");
    if (fleetCap < 1) {
      throw new IllegalArgumentException("fleetCap must be >= 1, was " + fleetCap);
    }
    boolean[] created = {false};
    ZooKeeperFleetPermits lease = leases.computeIfAbsent(service, s -> {
      created[0] = true;
      return new ZooKeeperFleetPermits(settings.root, s, settings.member, fleetCap,
          settings.leaseBlock, settings.staleAfter.toMillis(), settings.expectedMembers,
          this::syncSoon);
    });
    if (created[0]) {
      syncSoon();
    }
    return lease;
  }

  /** This VM's lease of {@code service}'s in-flight cap now, or null without one. */
  public FleetLease lease(String service) {
    ZooKeeperFleetPermits lease = leases.get(service);
    return lease == null ? null : lease.lease();
  }

  private void syncSoon() {
    try {
      syncer.execute(this::syncNow);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the store is closed: nothing leases any more
    }
  }

  /** What this VM knows of {@code service}'s fleet now (for health endpoints and tests). */
  public FleetView view(String service) {
    return spend(service).view(settings.clock.epochMillis());
  }

  /** This VM's member id in the fleet. */
  public String member() {
    return settings.member;
  }

  /**
   * Synchronises every ledger now, on the calling thread (the background thread does it every
   * {@code syncInterval}); returns whether the store answered.
   */
  public synchronized boolean syncNow() {
    try {
      for (ZooKeeperFleetSpend ledger : ledgers.values()) {
        ledger.sync(client, settings.clock.epochMillis());
      }
      for (ZooKeeperFleetPermits lease : leases.values()) {
        lease.sync(client, settings.clock.epochMillis());
      }
      if (failing) {
        LOG.info("Spillover: the fleet store answers again; fleet-wide budgets are back");
        failing = false;
      }
      return true;
    } catch (Exception e) {
      for (ZooKeeperFleetPermits lease : leases.values()) {
        lease.failed(settings.clock.epochMillis());
      }
      if (!failing) {
        LOG.warn("Spillover: the fleet store does not answer ({}); each VM keeps to its static "
            + "share of fleet-wide budgets once the last view is {} ms old", e.toString(),
            settings.staleAfter.toMillis());
        failing = true;
      }
      return false;
    }
  }

  @Override
  public synchronized void close() {
    syncer.shutdownNow();
    for (ZooKeeperFleetPermits lease : leases.values()) {
      try {
        lease.leave(client);
      } catch (Exception e) {
        LOG.debug("Spillover: could not return the lease cleanly; the session's end will", e);
      }
    }
    for (ZooKeeperFleetSpend ledger : ledgers.values()) {
      try {
        ledger.leave(client);
      } catch (Exception e) {
        LOG.debug("Spillover: could not leave the fleet cleanly; the session's end will", e);
      }
    }
    if (ownsClient) {
      client.close();
    }
  }

  /** Settings of a {@link ZooKeeperFleetStore}. */
  public static final class Builder extends ZooKeeperSettings<Builder> {
    private String member = UUID.randomUUID().toString();
    private Duration syncInterval = Duration.ofSeconds(1);
    private Duration staleAfter = Duration.ofSeconds(10);
    private int expectedMembers = 1;
    private int leaseBlock = 4;

    private Builder() {
      super(Duration.ofSeconds(5));
    }

    /** This VM's id in the fleet (default: a random UUID); unique per VM process. */
    public Builder member(String member) {
      if (member.isEmpty() || member.contains("/")) {
        throw new IllegalArgumentException("member must be non-empty without '/', was " + member);
      }
      this.member = member;
      return this;
    }

    /** How often this VM reports its spend and reads the fleet's (default 1 s). */
    public Builder syncInterval(Duration interval) {
      this.syncInterval = positive(interval, "syncInterval");
      return this;
    }

    /** How old the last good sync may be before the view is stale (default 10 s). */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = positive(staleAfter, "staleAfter");
      return this;
    }

    /**
     * The fleet size assumed until the first good sync (default 1): a VM that starts while the
     * store is down keeps to {@code cap / expectedMembers}.
     */
    public Builder expectedMembers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("expectedMembers must be >= 1, was " + n);
      }
      this.expectedMembers = n;
      return this;
    }

    /**
     * How many permits of a fleet-wide in-flight cap a VM leases at once (default 4): larger
     * blocks mean fewer store writes, smaller ones a fairer split of a small cap.
     */
    public Builder leaseBlock(int permits) {
      if (permits < 1) {
        throw new IllegalArgumentException("leaseBlock must be >= 1, was " + permits);
      }
      this.leaseBlock = permits;
      return this;
    }

    public ZooKeeperFleetStore build() {
      checkOneSource();
      return new ZooKeeperFleetStore(this);
    }
  }
}
