package io.spillover.samples.social.storage.internal;

import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.storage.SocialGraphStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The follow graph as one node per user; an edge change locks both nodes in id order, so the
 * followers and followees sides never disagree. Insertion order stands for follow time.
 */
public final class InMemorySocialGraphStore implements SocialGraphStore {
  private final Map<Long, Node> nodes = new ConcurrentHashMap<>();
  private final Capacity capacity;

  public InMemorySocialGraphStore(int maxUsers) {
    this.capacity = new Capacity("social-graph", maxUsers);
  }

  private static final class Node {
    final Map<Long, Long> followers = new LinkedHashMap<>(); // follower id -> follow timestamp
    final Map<Long, Long> followees = new LinkedHashMap<>();
  }

  @Override
  public boolean insertUser(long userId) {
    if (nodes.containsKey(userId)) {
      return false;
    }
    capacity.reserve(1);
    if (nodes.putIfAbsent(userId, new Node()) != null) {
      capacity.release(1);
      return false;
    }
    return true;
  }

  @Override
  public boolean follow(long userId, long followeeId, long timestamp) {
    return onEdge(userId, followeeId, (user, followee) -> {
      if (user.followees.containsKey(followeeId)) {
        return false;
      }
      user.followees.put(followeeId, timestamp);
      followee.followers.put(userId, timestamp);
      return true;
    });
  }

  @Override
  public boolean unfollow(long userId, long followeeId) {
    return onEdge(userId, followeeId, (user, followee) -> {
      boolean removed = user.followees.remove(followeeId) != null;
      followee.followers.remove(userId);
      return removed;
    });
  }

  @Override
  public List<Long> followers(long userId) {
    Node node = nodes.get(userId);
    if (node == null) {
      return List.of();
    }
    synchronized (node) {
      return new ArrayList<>(node.followers.keySet());
    }
  }

  @Override
  public List<Long> followees(long userId) {
    Node node = nodes.get(userId);
    if (node == null) {
      return List.of();
    }
    synchronized (node) {
      return new ArrayList<>(node.followees.keySet());
    }
  }

  private interface EdgeChange {
    boolean apply(Node user, Node followee);
  }

  private boolean onEdge(long userId, long followeeId, EdgeChange change) {
    Node user = require(userId);
    Node followee = require(followeeId);
    if (user == followee) {
      synchronized (user) {
        return change.apply(user, followee);
      }
    }
    Node first = userId < followeeId ? user : followee;
    Node second = first == user ? followee : user;
    synchronized (first) {
      synchronized (second) {
        return change.apply(user, followee);
      }
    }
  }

  private Node require(long userId) {
    Node node = nodes.get(userId);
    if (node == null) {
      throw ServiceException.notFound("user_id " + userId + " is not in the social graph");
    }
    return node;
  }
}
