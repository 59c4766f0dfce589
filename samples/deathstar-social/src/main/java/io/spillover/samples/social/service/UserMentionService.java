package io.spillover.samples.social.service;

import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.UserMention;
import io.spillover.samples.social.storage.UserStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * user-mention: resolves usernames to user ids. Unknown names are dropped (as in the original);
 * unlike the original, duplicates are removed and the result keeps the order of the input.
 */
public final class UserMentionService {

  /** {@code ComposeUserMentions}. */
  public record ComposeUserMentionsRequest(long reqId, List<String> usernames) {
    /** Copies the list; null means empty. */
    public ComposeUserMentionsRequest {
      usernames = Checks.copy(usernames, "usernames");
    }
  }

  /** The registered users among the names, first mention first. */
  public record ComposeUserMentionsResponse(List<UserMention> userMentions) {
    /** Copies the list. */
    public ComposeUserMentionsResponse {
      userMentions = Checks.copy(userMentions, "user_mentions");
    }
  }

  private final UserStore users;

  /** A service reading {@code users}. */
  public UserMentionService(UserStore users) {
    this.users = Objects.requireNonNull(users, "users");
  }

  /** Resolves the names; an empty list reads nothing. */
  public ComposeUserMentionsResponse composeUserMentions(ComposeUserMentionsRequest request) {
    Checks.present(request, "request");
    if (request.usernames().isEmpty()) {
      return new ComposeUserMentionsResponse(List.of());
    }
    LinkedHashSet<String> names = new LinkedHashSet<>(request.usernames());
    Map<String, Long> ids = users.findUserIds(names);
    List<UserMention> mentions = new ArrayList<>(ids.size());
    for (String name : names) {
      Long id = ids.get(name);
      if (id != null) {
        mentions.add(new UserMention(id, name));
      }
    }
    return new ComposeUserMentionsResponse(mentions);
  }
}
