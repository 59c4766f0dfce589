package io.spillover.zookeeper;

import io.spillover.SpilloverClock;
import io.spillover.function.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReplayGuard} that every instance of a function shares through ZooKeeper, so a sealed
 * call that is not idempotent runs at most once in the whole deployment, whichever instance a
 * replay reaches. One node per call, created under the minute its guard entry expires in: the
 * create either succeeds (first) or finds the node (seen); the store not answering is
 * {@link Verdict#UNAVAILABLE} and the call is refused (fail closed). Expired minutes are deleted
 * in the background. Give it to {@code FunctionApp.Builder.sharedReplayGuard(...)}.
 *
 * <p>Each guarded call costs one ZooKeeper write on the function side; calls marked idempotent
 * never reach the guard.
 */
public final class ZooKeeperReplayGuard implements ReplayGuard, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperReplayGuard.class);
  private static final long MINUTE = 60_000;
  private final CuratorFramework client;
  private final boolean ownsClient;
  private final String base;
  private final SpilloverClock clock;
  private final ScheduledExecutorService pruner;

  private ZooKeeperReplayGuard(Builder b) {
    this.ownsClient = b.client == null;
    this.client = ownsClient ? CuratorFrameworkFactory.builder().connectString(b.connectString)
        .connectionTimeoutMs((int) b.connectionTimeout.toMillis())
        .retryPolicy(new RetryOneTime(100)).build() : b.client;
    if (ownsClient) {
      client.start();
    }
    this.base = b.root + "/replay";
    this.clock = b.clock;
    this.pruner = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spillover-replay-prune");
      t.setDaemon(true);
      return t;
    });
    pruner.scheduleWithFixedDelay(this::pruneNow, 1, 1, TimeUnit.MINUTES);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Verdict firstSeen(String service, String caller, String requestId,
      long keepUntilEpochMillis) {
    String path = base + "/" + Math.floorDiv(keepUntilEpochMillis, MINUTE) + "/"
        + key(service, caller, requestId);
    try {
      client.create().creatingParentContainersIfNeeded().forPath(path);
      return Verdict.FIRST;
    } catch (KeeperException.NodeExistsException seen) {
      return Verdict.SEEN;
    } catch (Exception e) {
      LOG.debug("Spillover: the replay guard's store did not answer; the call is refused", e);
      return Verdict.UNAVAILABLE;
    }
  }

  /** Deletes the entries of minutes that have passed; returns how many minutes went. */
  public int pruneNow() {
    long now = Math.floorDiv(clock.epochMillis(), MINUTE);
    int pruned = 0;
    try {
      if (client.checkExists().forPath(base) == null) {
        return 0;
      }
      for (String minute : client.getChildren().forPath(base)) {
        long m;
        try {
          m = Long.parseLong(minute);
        } catch (NumberFormatException e) {
          continue;
        }
        if (m < now) {
          client.delete().quietly().deletingChildrenIfNeeded().forPath(base + "/" + minute);
          pruned++;
        }
      }
    } catch (Exception e) {
      LOG.debug("Spillover: could not prune the replay guard's store; next minute again", e);
    }
    return pruned;
  }

  /** A node name for the key: unambiguous (length-prefixed) and free of '/' (base64url). */
  static String key(String service, String caller, String requestId) {
    String k = service.length() + ":" + service + caller.length() + ":" + caller + requestId;
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(k.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    pruner.shutdownNow();
    if (ownsClient) {
      client.close();
    }
  }

  /** Settings of a {@link ZooKeeperReplayGuard}. */
  public static final class Builder {
    private String connectString;
    private CuratorFramework client;
    private String root = "/spillover";
    private SpilloverClock clock = SpilloverClock.system();
    private Duration connectionTimeout = Duration.ofSeconds(2);

    private Builder() {}

    public Builder connectString(String connectString) {
      this.connectString = Objects.requireNonNull(connectString, "connectString");
      return this;
    }

    /** A started Curator client of the application's; the guard never closes it. */
    public Builder client(CuratorFramework client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    public Builder root(String root) {
      if (!root.startsWith("/") || root.endsWith("/")) {
        throw new IllegalArgumentException("root must start and not end with '/', was " + root);
      }
      this.root = root;
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a guarded call waits for the store before it is refused (default 2 s). */
    public Builder connectionTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("connectionTimeout must be positive, was " + timeout);
      }
      this.connectionTimeout = timeout;
      return this;
    }

    public ZooKeeperReplayGuard build() {
      if ((connectString == null) == (client == null)) {
        throw new IllegalStateException("give exactly one of connectString and client");
      }
      return new ZooKeeperReplayGuard(this);
    }
  }
}
