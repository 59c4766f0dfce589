package io.spillover.attest.seal.internal;

import io.spillover.seal.SealingException;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Request ids seen within their deadline window. An entry lives until its call's deadline (plus
 * skew) passes; after that the call itself is refused as past its deadline, so forgetting it is
 * safe. When the guard holds {@code capacity} live entries it refuses new calls with a
 * {@link SealingException} (fail closed) rather than forget one early and admit a replay.
 */
public final class ReplayGuard {
  private final int capacity;
  private final Map<String, Long> seen = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();

  public ReplayGuard(int capacity) {
    this.capacity = capacity;
  }

  /** Records {@code key} until {@code expiresAt}; false if it was already recorded. */
  public synchronized boolean firstSeen(String key, long expiresAt, long now) {
    Entry head;
    while ((head = byExpiry.peek()) != null && head.expiresAt < now) {
      byExpiry.poll();
      seen.remove(head.key, head.expiresAt);
    }
    if (seen.containsKey(key)) {
      return false;
    }
    if (seen.size() >= capacity) {
      throw new SealingException("replay guard full (" + capacity
          + " request ids within their deadlines); call refused rather than risk a replay");
    }
    seen.put(key, expiresAt);
    byExpiry.add(new Entry(key, expiresAt));
    return true;
  }

  public synchronized int size() {
    return seen.size();
  }

  private static final class Entry implements Comparable<Entry> {
    final String key;
    final long expiresAt;

    Entry(String key, long expiresAt) {
      this.key = key;
      this.expiresAt = expiresAt;
    }

    @Override
    public int compareTo(Entry o) {
      return Long.compare(expiresAt, o.expiresAt);
    }
  }
}
