package io.spillover.samples.social.storage.internal;

import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.storage.PostStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Posts by id in a concurrent map, up to a fixed count (posts are never deleted, as in the original). */
public final class InMemoryPostStore implements PostStore {
  private final Map<Long, Post> posts = new ConcurrentHashMap<>();
  private final Capacity capacity;

  public InMemoryPostStore(int maxPosts) {
    this.capacity = new Capacity("post", maxPosts);
  }

  @Override
  public boolean store(Post post) {
    Objects.requireNonNull(post, "post");
    if (posts.containsKey(post.postId())) {
      return false;
    }
    capacity.reserve(1);
    if (posts.putIfAbsent(post.postId(), post) != null) {
      capacity.release(1);
      return false;
    }
    return true;
  }

  @Override
  public List<Post> findAll(Collection<Long> postIds) {
    List<Post> found = new ArrayList<>(postIds.size());
    for (Long id : postIds) {
      Post post = id == null ? null : posts.get(id);
      if (post != null) {
        found.add(post);
      }
    }
    return found;
  }
}
