/** Fleet-wide budgets on Apache ZooKeeper: {@link io.spillover.zookeeper.ZooKeeperFleetStore}. */
package io.spillover.zookeeper;
