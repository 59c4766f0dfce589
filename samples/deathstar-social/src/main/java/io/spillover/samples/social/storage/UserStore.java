package io.spillover.samples.social.storage;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Registered users (DeathStarBench: {@code user.user} in MongoDB plus the user memcached). */
public interface UserStore {

  /** What {@link #insert} did. */
  enum InsertResult { INSERTED, USERNAME_TAKEN, USER_ID_TAKEN }

  /**
   * Stores {@code user} unless its username or user id is taken (checked atomically).
   *
   * @throws io.spillover.samples.social.ServiceException STORAGE_FULL when the store is at capacity
   */
  InsertResult insert(UserRecord user);

  /** The user registered under {@code username}, if any. */
  Optional<UserRecord> findByUsername(String username);

  /** The user ids of those {@code usernames} that are registered; unknown names are absent. */
  Map<String, Long> findUserIds(Collection<String> usernames);
}
