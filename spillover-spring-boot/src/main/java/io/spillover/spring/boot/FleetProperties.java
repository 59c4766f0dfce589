package io.spillover.spring.boot;

import java.time.Duration;

/**
 * {@code spillover.fleet.*}: the store the VMs of a fleet share for fleet-wide budgets (a
 * spillway's {@code fleet-spend-cap-per-hour}). Needs spillover-zookeeper on the class path.
 */
public class FleetProperties {

  private final ZooKeeper zookeeper = new ZooKeeper();

  public ZooKeeper getZookeeper() {
    return zookeeper;
  }

  /** {@code spillover.fleet.zookeeper.*}: set connect-string to use a ZooKeeper fleet store. */
  public static class ZooKeeper {
    /** The ensemble, host:port[,host:port...]; without it there is no fleet store. */
    private String connectString;

    /** The ZooKeeper path under which fleets live. */
    private String root = "/spillover";

    /** This VM's id in the fleet (default: a random UUID per process). */
    private String member;

    /** How often this VM reports its spend and reads the fleet's. */
    private Duration syncInterval = Duration.ofSeconds(1);

    /** How old the last good sync may be before each VM keeps to its static share. */
    private Duration staleAfter = Duration.ofSeconds(10);

    /** ZooKeeper session timeout: how long a crashed VM counts as a member. */
    private Duration sessionTimeout = Duration.ofSeconds(30);

    /** How long a store operation waits for a connection. */
    private Duration connectionTimeout = Duration.ofSeconds(5);

    /** The fleet size assumed until the first good sync. */
    private int expectedMembers = 1;

    /** How many permits of a fleet-wide in-flight cap a VM leases at once. */
    private int leaseBlock = 4;

    public String getConnectString() { return connectString; }
    public void setConnectString(String s) { this.connectString = s; }
    public String getRoot() { return root; }
    public void setRoot(String root) { this.root = root; }
    public String getMember() { return member; }
    public void setMember(String member) { this.member = member; }
    public Duration getSyncInterval() { return syncInterval; }
    public void setSyncInterval(Duration d) { this.syncInterval = d; }
    public Duration getStaleAfter() { return staleAfter; }
    public void setStaleAfter(Duration d) { this.staleAfter = d; }
    public Duration getSessionTimeout() { return sessionTimeout; }
    public void setSessionTimeout(Duration d) { this.sessionTimeout = d; }
    public Duration getConnectionTimeout() { return connectionTimeout; }
    public void setConnectionTimeout(Duration d) { this.connectionTimeout = d; }
    public int getExpectedMembers() { return expectedMembers; }
    public void setExpectedMembers(int n) { this.expectedMembers = n; }
    public int getLeaseBlock() { return leaseBlock; }
    public void setLeaseBlock(int n) { this.leaseBlock = n; }
  }
}
