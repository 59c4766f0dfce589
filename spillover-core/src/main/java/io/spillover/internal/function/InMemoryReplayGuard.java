package io.spillover.internal.function;

import io.spillover.SpilloverClock;
import io.spillover.function.ReplayGuard;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * {@link ReplayGuard#inMemory}: (service, caller, request id) triples until their keep-until
 * time. When {@code capacity} live entries are held it answers {@code UNAVAILABLE} rather than
 * forget one early and admit a replay.
 */
public final class InMemoryReplayGuard implements ReplayGuard {
  private final int capacity;
  private final SpilloverClock clock;
  private final Map<String, Long> seen = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();

  public InMemoryReplayGuard(int capacity, SpilloverClock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Verdict firstSeen(String service, String caller, String requestId,
      long keepUntilEpochMillis) {
    long now = clock.epochMillis();
    Entry head;
    while ((head = byExpiry.peek()) != null && head.keepUntil < now) {
      byExpiry.poll();
      seen.remove(head.key, head.keepUntil);
    }
    // service names have no line break; the caller is length-prefixed, so no two triples collide
    String key = service + '\n' + caller.length() + ':' + caller + requestId;
    if (seen.containsKey(key)) {
      return Verdict.SEEN;
    }
    if (seen.size() >= capacity) {
      return Verdict.UNAVAILABLE;
    }
    seen.put(key, keepUntilEpochMillis);
    byExpiry.add(new Entry(key, keepUntilEpochMillis));
    return Verdict.FIRST;
  }

  public synchronized int size() {
    return seen.size();
  }

  private static final class Entry implements Comparable<Entry> {
    final String key;
    final long keepUntil;

    Entry(String key, long keepUntil) {
      this.key = key;
      this.keepUntil = keepUntil;
    }

    @Override
    public int compareTo(Entry o) {
      return Long.compare(keepUntil, o.keepUntil);
    }
  }
}
