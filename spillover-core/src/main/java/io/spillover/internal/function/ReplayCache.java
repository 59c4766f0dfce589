package io.spillover.internal.function;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Remembers the calls a function instance has seen until their deadline passes, with their reply
 * once it exists, so a retried idempotent call gets the first reply instead of a second run. The
 * key is the dispatcher's: the service and the request id (and, for a sealed call, its
 * authenticated caller), entered only once the call is known to be authentic.
 *
 * <p>Bounded: ids are kept in arrival order, and when {@code capacity} are held the oldest is
 * forgotten first (expired ones go as soon as they reach the head). Duplicates are therefore
 * dropped within the deadline window or the last {@code capacity} requests, whichever is shorter;
 * retries come within seconds, far inside either bound. Every operation is O(1) amortized: a
 * full cache never refuses work nor scans itself.
 */
public final class ReplayCache {
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Entry> arrivals = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
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
   * Claims {@code key} for a first run: returns {@code null} when the caller owns the run (and must
   * {@link #complete} it), or the earlier run's reply future for a duplicate.
   */
  public CompletableFuture<byte[]> claim(String key, long deadlineEpochMillis) {
    Entry fresh = new Entry(key, deadlineEpochMillis);
    Entry existing = entries.putIfAbsent(key, fresh);
    if (existing != null) {
      return existing.reply;
    }
    arrivals.add(fresh);
    size.incrementAndGet();
    trim();
    return null;
  }

  public void complete(String key, byte[] reply) {
    Entry e = entries.get(key);
    if (e != null) {
      e.reply.complete(reply);
    }
  }

  public int size() {
    return size.get();
  }

  private void trim() {
    long now = epochMillis.getAsLong();
    Entry head;
    while ((head = arrivals.peek()) != null
        && (size.get() > capacity || head.deadlineEpochMillis < now)) {
      Entry oldest = arrivals.poll(); // under a race this may be a later entry: a harmless extra
      if (oldest == null) {
        return;
      }
      entries.remove(oldest.id, oldest);
      size.decrementAndGet();
    }
  }

  private static final class Entry {
    final String id;
    final long deadlineEpochMillis;
    final CompletableFuture<byte[]> reply = new CompletableFuture<>();

    Entry(String id, long deadlineEpochMillis) {
      this.id = id;
      this.deadlineEpochMillis = deadlineEpochMillis;
    }
  }
}
