package io.spillover.samples.social.storage.internal;

import io.spillover.samples.social.storage.TimelineStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Timelines as one sorted set per owner (newest first), each locked on its own. A timeline keeps at
 * most {@code maxLength} entries: adding past that drops the oldest, so memory stays bounded by
 * owners x maxLength.
 */
public final class InMemoryTimelineStore implements TimelineStore {
  private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong(Entry::timestamp)
      .thenComparingLong(Entry::postId).reversed();

  private final Map<Long, Timeline> timelines = new ConcurrentHashMap<>();
  private final Capacity owners;
  private final int maxLength;

  public InMemoryTimelineStore(String name, int maxOwners, int maxLength) {
    if (maxLength <= 0) {
      throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
    }
    this.owners = new Capacity(name, maxOwners);
    this.maxLength = maxLength;
  }

  private record Entry(long timestamp, long postId) {}

  private static final class Timeline {
    final TreeSet<Entry> entries = new TreeSet<>(NEWEST_FIRST);
    final Set<Long> postIds = new HashSet<>();
  }

  @Override
  public int add(Collection<Long> ownerIds, long postId, long timestamp) {
    int added = 0;
    for (Long owner : ownerIds) {
      Timeline timeline = timelineOf(owner);
      synchronized (timeline) {
        if (timeline.postIds.add(postId)) {
          timeline.entries.add(new Entry(timestamp, postId));
          added++;
          if (timeline.entries.size() > maxLength) {
            timeline.postIds.remove(timeline.entries.pollLast().postId());
          }
        }
      }
    }
    return added;
  }

  @Override
  public List<Long> range(long owner, int start, int stop) {
    Timeline timeline = timelines.get(owner);
    if (timeline == null || start < 0 || stop <= start) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>(Math.min(stop - start, maxLength));
    synchronized (timeline) {
      Iterator<Entry> it = timeline.entries.iterator();
      for (int i = 0; i < stop && it.hasNext(); i++) {
        Entry entry = it.next();
        if (i >= start) {
          ids.add(entry.postId());
        }
      }
    }
    return ids;
  }

  private Timeline timelineOf(long owner) {
    Timeline timeline = timelines.get(owner);
    if (timeline != null) {
      return timeline;
    }
    owners.reserve(1);
    Timeline fresh = new Timeline();
    Timeline raced = timelines.putIfAbsent(owner, fresh);
    if (raced != null) {
      owners.release(1);
      return raced;
    }
    return fresh;
  }
}
