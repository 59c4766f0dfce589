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
    this.ownsClient = b.ownsClient();
    this.client = b.connect(new RetryOneTime(100));
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

  /** Settings of a {@link ZooKeeperReplayGuard}; the connection timeout defaults to 2 s. */
  public static final class Builder extends ZooKeeperSettings<Builder> {
    private Builder() {
      super(Duration.ofSeconds(2));
    }

    public ZooKeeperReplayGuard build() {
      checkOneSource();
      return new ZooKeeperReplayGuard(this);
    }
  }
}
