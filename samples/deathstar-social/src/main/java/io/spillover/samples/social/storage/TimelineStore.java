package io.spillover.samples.social.storage;

import java.util.Collection;
import java.util.List;

/**
 * Per-user lists of post ids ordered newest first (DeathStarBench: a Redis sorted set per user,
 * score = timestamp). Used twice: once for user timelines, once for home timelines.
 */
public interface TimelineStore {

  /**
   * Adds {@code postId} with {@code timestamp} to the timeline of each owner that does not hold it
   * yet (ZADD NX). Not atomic across owners, like a Redis pipeline.
   *
   * @return how many timelines gained the post
   * @throws io.spillover.samples.social.ServiceException STORAGE_FULL when a new timeline cannot be created
   */
  int add(Collection<Long> owners, long postId, long timestamp);

  /** Post ids at positions [start, stop) of the owner's timeline, newest first; empty if none. */
  List<Long> range(long owner, int start, int stop);
}
