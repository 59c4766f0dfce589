package io.spillover.samples.social.service;

import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.storage.PostStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** post-storage: stores posts and reads them back by id. */
public final class PostStorageService {

  /** {@code StorePost}. */
  public record StorePostRequest(long reqId, Post post) {}

  /** The stored post's id. */
  public record StorePostResponse(long postId) {}

  /** {@code ReadPost}. */
  public record ReadPostRequest(long reqId, long postId) {}

  /** One post. */
  public record ReadPostResponse(Post post) {}

  /** {@code ReadPosts}. */
  public record ReadPostsRequest(long reqId, List<Long> postIds) {
    /** Copies the list; null means empty. */
    public ReadPostsRequest {
      postIds = Checks.copy(postIds, "post_ids");
    }
  }

  /** Posts in the order of the requested ids. */
  public record ReadPostsResponse(List<Post> posts) {
    /** Copies the list. */
    public ReadPostsResponse {
      posts = Checks.copy(posts, "posts");
    }
  }

  private final PostStore posts;

  /** A service over {@code posts}. */
  public PostStorageService(PostStore posts) {
    this.posts = Objects.requireNonNull(posts, "posts");
  }

  /**
   * Stores the post.
   *
   * @throws ServiceException CONFLICT if its id is taken; STORAGE_FULL if the store is full
   */
  public StorePostResponse storePost(StorePostRequest r) {
    Checks.present(r, "request");
    Post post = Checks.present(r.post(), "post");
    if (!posts.store(post)) {
      throw ServiceException.conflict("Post_id: " + post.postId() + " already exists");
    }
    return new StorePostResponse(post.postId());
  }

  /** One post; NOT_FOUND if it does not exist. */
  public ReadPostResponse readPost(ReadPostRequest r) {
    Checks.present(r, "request");
    List<Post> found = posts.findAll(List.of(r.postId()));
    if (found.isEmpty()) {
      throw ServiceException.notFound("Post_id: " + r.postId() + " doesn't exist");
    }
    return new ReadPostResponse(found.get(0));
  }

  /**
   * Posts in the order of {@code postIds}.
   *
   * @throws ServiceException BAD_REQUEST for duplicated ids; NOT_FOUND if any post is missing
   */
  public ReadPostsResponse readPosts(ReadPostsRequest r) {
    Checks.present(r, "request");
    if (r.postIds().isEmpty()) {
      return new ReadPostsResponse(List.of());
    }
    if (new HashSet<>(r.postIds()).size() != r.postIds().size()) {
      throw ServiceException.badRequest("Post_ids are duplicated");
    }
    Map<Long, Post> byId = new HashMap<>();
    for (Post post : posts.findAll(r.postIds())) {
      byId.put(post.postId(), post);
    }
    List<Post> ordered = new ArrayList<>(r.postIds().size());
    for (Long id : r.postIds()) {
      Post post = byId.get(id);
      if (post == null) {
        throw ServiceException.notFound("Return set incomplete: post_id " + id + " doesn't exist");
      }
      ordered.add(post);
    }
    return new ReadPostsResponse(ordered);
  }
}
