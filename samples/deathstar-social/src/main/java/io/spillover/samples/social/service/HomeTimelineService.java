package io.spillover.samples.social.service;

import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.service.PostStorageService.ReadPostsRequest;
import io.spillover.samples.social.service.SocialGraphService.GetFollowersRequest;
import io.spillover.samples.social.storage.TimelineStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * home-timeline: each user's feed, filled on write (fan-out to the author's followers and the
 * mentioned users; the author's own feed does not get the post, as in the original).
 */
public final class HomeTimelineService {

  /** {@code WriteHomeTimeline}. */
  public record WriteHomeTimelineRequest(long reqId, long postId, long userId, long timestamp,
      List<Long> userMentionsId) {
    /** Copies the list; null means empty. */
    public WriteHomeTimelineRequest {
      userMentionsId = Checks.copy(userMentionsId, "user_mentions_id");
    }
  }

  /** How many feeds gained the post. */
  public record WriteHomeTimelineResponse(int timelinesWritten) {}

  /** {@code ReadHomeTimeline}: positions [start, stop), newest first. */
  public record ReadHomeTimelineRequest(long reqId, long userId, int start, int stop) {}

  /** The posts, newest first. */
  public record ReadHomeTimelineResponse(List<Post> posts) {
    /** Copies the list. */
    public ReadHomeTimelineResponse {
      posts = Checks.copy(posts, "posts");
    }
  }

  private final TimelineStore feeds;
  private final ServiceClient services;

  /** A service over {@code feeds}, asking social-graph for followers and post-storage for posts. */
  public HomeTimelineService(TimelineStore feeds, ServiceClient services) {
    this.feeds = Objects.requireNonNull(feeds, "feeds");
    this.services = Objects.requireNonNull(services, "services");
  }

  /** Adds the post to the feed of every follower of the author and every mentioned user. */
  public WriteHomeTimelineResponse writeHomeTimeline(WriteHomeTimelineRequest r) {
    Checks.present(r, "request");
    List<Long> followers = services.call(Operations.SOCIAL_GRAPH_GET_FOLLOWERS,
        new GetFollowersRequest(r.reqId(), r.userId())).userIds();
    Set<Long> targets = new LinkedHashSet<>(followers);
    targets.addAll(r.userMentionsId());
    return new WriteHomeTimelineResponse(feeds.add(targets, r.postId(), r.timestamp()));
  }

  /** The posts at [start, stop); empty if {@code stop <= start} or {@code start < 0}. */
  public ReadHomeTimelineResponse readHomeTimeline(ReadHomeTimelineRequest r) {
    Checks.present(r, "request");
    if (r.stop() <= r.start() || r.start() < 0) {
      return new ReadHomeTimelineResponse(List.of());
    }
    List<Long> ids = feeds.range(r.userId(), r.start(), r.stop());
    if (ids.isEmpty()) {
      return new ReadHomeTimelineResponse(List.of());
    }
    return new ReadHomeTimelineResponse(
        services.call(Operations.POST_STORAGE_READ_POSTS, new ReadPostsRequest(r.reqId(), ids)).posts());
  }
}
