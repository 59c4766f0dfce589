package io.spillover.samples.social.storage;

import java.util.List;

/**
 * The follow graph (DeathStarBench: {@code social-graph} in MongoDB plus sorted sets in Redis).
 * A user must be inserted before it can follow or be followed.
 */
public interface SocialGraphStore {

  /** Adds a user with no followers and no followees; false if it was already there. */
  boolean insertUser(long userId);

  /**
   * Records that {@code userId} follows {@code followeeId} at {@code timestamp} (ms); both sides
   * change together. An existing edge keeps its first timestamp.
   *
   * @return false if the edge already existed
   * @throws io.spillover.samples.social.ServiceException NOT_FOUND if either user was never inserted
   */
  boolean follow(long userId, long followeeId, long timestamp);

  /**
   * Removes the edge {@code userId -> followeeId} from both sides.
   *
   * @return false if there was no such edge
   * @throws io.spillover.samples.social.ServiceException NOT_FOUND if either user was never inserted
   */
  boolean unfollow(long userId, long followeeId);

  /** Who follows {@code userId}, oldest follow first; empty for an unknown user. */
  List<Long> followers(long userId);

  /** Whom {@code userId} follows, oldest follow first; empty for an unknown user. */
  List<Long> followees(long userId);
}
