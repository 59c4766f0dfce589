package io.spillover.samples.social.storage.internal;

import io.spillover.samples.social.storage.UserRecord;
import io.spillover.samples.social.storage.UserStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users in two concurrent maps; inserts are serialised so both unique keys are checked together. */
public final class InMemoryUserStore implements UserStore {
  private final Map<String, UserRecord> byUsername = new ConcurrentHashMap<>();
  private final Map<Long, UserRecord> byId = new ConcurrentHashMap<>();
  private final Capacity capacity;

  public InMemoryUserStore(int maxUsers) {
    this.capacity = new Capacity("user", maxUsers);
  }

  @Override
  public synchronized InsertResult insert(UserRecord user) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(user.username(), "username");
    if (byUsername.containsKey(user.username())) {
      return InsertResult.USERNAME_TAKEN;
    }
    if (byId.containsKey(user.userId())) {
      return InsertResult.USER_ID_TAKEN;
    }
    capacity.reserve(1);
    byId.put(user.userId(), user);
    byUsername.put(user.username(), user);
    return InsertResult.INSERTED;
  }

  @Override
  public Optional<UserRecord> findByUsername(String username) {
    return username == null ? Optional.empty() : Optional.ofNullable(byUsername.get(username));
  }

  @Override
  public Map<String, Long> findUserIds(Collection<String> usernames) {
    Map<String, Long> ids = new HashMap<>();
    for (String name : usernames) {
      UserRecord user = name == null ? null : byUsername.get(name);
      if (user != null) {
        ids.put(name, user.userId());
      }
    }
    return ids;
  }
}
