package io.spillover.samples.social.service;

import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.service.PostStorageService.ReadPostsRequest;
import io.spillover.samples.social.storage.TimelineStore;
import java.util.List;
import java.util.Objects;

/** user-timeline: each user's own posts, newest first. */
public final class UserTimelineService {

  /** {@code WriteUserTimeline}. */
  public record WriteUserTimelineRequest(long reqId, long postId, long userId, long timestamp) {}

  /** How many timelines gained the post (0 if it was already there). */
  public record WriteUserTimelineResponse(int timelinesWritten) {}

  /** {@code ReadUserTimeline}: positions [start, stop), newest first. */
  public record ReadUserTimelineRequest(long reqId, long userId, int start, int stop) {}

  /** The posts, newest first. */
  public record ReadUserTimelineResponse(List<Post> posts) {
    /** Copies the list. */
    public ReadUserTimelineResponse {
      posts = Checks.copy(posts, "posts");
    }
  }

  private final TimelineStore timelines;
  private final ServiceClient services;

  /** A service over {@code timelines}, reading posts from post-storage. */
  public UserTimelineService(TimelineStore timelines, ServiceClient services) {
    this.timelines = Objects.requireNonNull(timelines, "timelines");
    this.services = Objects.requireNonNull(services, "services");
  }

  /** Puts the post on its author's timeline. */
  public WriteUserTimelineResponse writeUserTimeline(WriteUserTimelineRequest r) {
    Checks.present(r, "request");
    return new WriteUserTimelineResponse(timelines.add(List.of(r.userId()), r.postId(), r.timestamp()));
  }

  /** The posts at [start, stop); empty if {@code stop <= start} or {@code start < 0}. */
  public ReadUserTimelineResponse readUserTimeline(ReadUserTimelineRequest r) {
    Checks.present(r, "request");
    if (r.stop() <= r.start() || r.start() < 0) {
      return new ReadUserTimelineResponse(List.of());
    }
    List<Long> ids = timelines.range(r.userId(), r.start(), r.stop());
    if (ids.isEmpty()) {
      return new ReadUserTimelineResponse(List.of());
    }
    return new ReadUserTimelineResponse(
        services.call(Operations.POST_STORAGE_READ_POSTS, new ReadPostsRequest(r.reqId(), ids)).posts());
  }
}
