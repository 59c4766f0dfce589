package io.spillover.samples.social.storage;

import io.spillover.samples.social.model.Post;
import java.util.Collection;
import java.util.List;

/** Stored posts (DeathStarBench: {@code post.post} in MongoDB plus the post memcached). */
public interface PostStore {

  /**
   * Stores {@code post} unless its id is taken.
   *
   * @return false if a post with that id exists (nothing is changed)
   * @throws io.spillover.samples.social.ServiceException STORAGE_FULL when the store is at capacity
   */
  boolean store(Post post);

  /** The stored posts among {@code postIds}, in no particular order; unknown ids are skipped. */
  List<Post> findAll(Collection<Long> postIds);
}
