package io.spillover.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers the request ids a function instance has seen until their deadline passes, with their
 * reply once it exists, so a retried idempotent call gets the first reply instead of a second run.
 * Bounded: when {@code capacity} live entries exist, a new id is refused ({@link #BUSY}).
 */
public final class ReplayCache {
  /** Returned by {@link #claim} when the cache is full of live entries. */
  public static final CompletableFuture<byte[]> BUSY = new CompletableFuture<>();

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final int capacity;
  private final LongSupplier epochMillis;

  public ReplayCache(int capacity, LongSupplier epochMillis) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
    this.epochMillis = epochMillis;
  }

  /**
   * Claims {@code id} for a first run: returns {@code null} when the caller owns the run (and must
   * {@link #complete} it), the earlier run's reply future for a duplicate, or {@link #BUSY}.
   */
  public CompletableFuture<byte[]> claim(String id, long deadlineEpochMillis) {
    if (entries.size() >= capacity) {
      purgeExpired();
      if (entries.size() >= capacity) {
        Entry existing = entries.get(id);
        return existing != null ? existing.reply : BUSY;
      }
    }
    Entry fresh = new Entry(deadlineEpochMillis);
    Entry existing = entries.putIfAbsent(id, fresh);
    return existing == null ? null : existing.reply;
  }

  public void complete(String id, byte[] reply) {
    Entry e = entries.get(id);
    if (e != null) {
      e.reply.complete(reply);
    }
  }

  public int size() {
    return entries.size();
  }

  private void purgeExpired() {
    long now = epochMillis.getAsLong();
    entries.values().removeIf(e -> e.deadlineEpochMillis < now);
  }

  private static final class Entry {
    final long deadlineEpochMillis;
    final CompletableFuture<byte[]> reply = new CompletableFuture<>();

    Entry(long deadlineEpochMillis) {
      this.deadlineEpochMillis = deadlineEpochMillis;
    }
  }
}
