package io.spillover.zookeeper;

import io.spillover.SpilloverClock;
import java.time.Duration;
import java.util.Objects;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;

/**
 * The connection settings the builders of this module share: the ensemble or the application's
 * own client, the root path, the clock and the timeouts.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ZooKeeperSettings<B extends ZooKeeperSettings<B>> {
  private String connectString;
  private CuratorFramework client;
  String root = "/spillover";
  SpilloverClock clock = SpilloverClock.system();
  private Duration sessionTimeout = Duration.ofSeconds(30);
  private Duration connectionTimeout;

  ZooKeeperSettings(Duration defaultConnectionTimeout) {
    this.connectionTimeout = defaultConnectionTimeout;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The ensemble, {@code host:port[,host:port...]}; the object makes and closes its client. */
  public B connectString(String connectString) {
    this.connectString = Objects.requireNonNull(connectString, "connectString");
    return self();
  }

  /** A started Curator client of the application's; it is used and never closed. */
  public B client(CuratorFramework client) {
    this.client = Objects.requireNonNull(client, "client");
    return self();
  }

  /** The ZooKeeper path under which Spillover's nodes live (default {@code /spillover}). */
  public B root(String root) {
    if (!root.startsWith("/") || root.endsWith("/")) {
      throw new IllegalArgumentException("root must start and not end with '/', was " + root);
    }
    this.root = root;
    return self();
  }

  public B clock(SpilloverClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** The ZooKeeper session timeout of a client made from the connect string (default 30 s). */
  public B sessionTimeout(Duration timeout) {
    this.sessionTimeout = positive(timeout, "sessionTimeout");
    return self();
  }

  /** How long an operation waits for a connection before it fails. */
  public B connectionTimeout(Duration timeout) {
    this.connectionTimeout = positive(timeout, "connectionTimeout");
    return self();
  }

  /** Refuses settings that name no ensemble, or both an ensemble and a client. */
  void checkOneSource() {
    if ((connectString == null) == (client == null)) {
      throw new IllegalStateException("give exactly one of connectString and client");
    }
  }

  boolean ownsClient() {
    return client == null;
  }

  /** The application's client, or a new started one for the connect string. */
  CuratorFramework connect(RetryPolicy retry) {
    if (client != null) {
      return client;
    }
    CuratorFramework made = CuratorFrameworkFactory.builder().connectString(connectString)
        .sessionTimeoutMs((int) sessionTimeout.toMillis())
        .connectionTimeoutMs((int) connectionTimeout.toMillis()).retryPolicy(retry).build();
    made.start();
    return made;
  }

  static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }
}
