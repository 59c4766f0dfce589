package io.spillover.samples.social.storage;

import java.util.Objects;

/**
 * The storage tier the logic services read and write: the in-memory default
 * ({@link InMemoryStorage}) on the VM, or HTTP clients of it ({@code HttpStorage}) in a function twin.
 */
public record Storage(UserStore users, SocialGraphStore socialGraph, PostStore posts,
    TimelineStore userTimelines, TimelineStore homeTimelines, UrlStore urls, MediaStore media) {

  /** Rejects a missing store. */
  public Storage {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(socialGraph, "socialGraph");
    Objects.requireNonNull(posts, "posts");
    Objects.requireNonNull(userTimelines, "userTimelines");
    Objects.requireNonNull(homeTimelines, "homeTimelines");
    Objects.requireNonNull(urls, "urls");
    Objects.requireNonNull(media, "media");
  }
}
