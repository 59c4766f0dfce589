package io.spillover.samples.social.service;

import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.internal.Fanout;
import io.spillover.samples.social.model.Creator;
import io.spillover.samples.social.model.Media;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.model.UserMention;
import io.spillover.samples.social.service.HomeTimelineService.WriteHomeTimelineRequest;
import io.spillover.samples.social.service.MediaService.ComposeMediaRequest;
import io.spillover.samples.social.service.PostStorageService.StorePostRequest;
import io.spillover.samples.social.service.TextService.ComposeTextRequest;
import io.spillover.samples.social.service.TextService.ComposeTextResponse;
import io.spillover.samples.social.service.UniqueIdService.ComposeUniqueIdRequest;
import io.spillover.samples.social.service.UserService.ComposeCreatorWithUserIdRequest;
import io.spillover.samples.social.service.UserTimelineService.WriteUserTimelineRequest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * compose-post: the orchestrator. Calls text, user, media and unique-id in parallel, then stores the
 * post and writes the user and home timelines strictly in that order, so a timeline never names a
 * post that is not stored yet. A failure propagates; nothing is rolled back (as in the original).
 */
public final class ComposePostService {

  /** {@code ComposePost}; the creator ({@code userId}, {@code username}) is trusted as given. */
  public record ComposePostRequest(long reqId, String username, long userId, String text,
      List<Long> mediaIds, List<String> mediaTypes, PostType postType) {
    /** Copies the lists; null means empty. */
    public ComposePostRequest {
      mediaIds = Checks.copy(mediaIds, "media_ids");
      mediaTypes = Checks.copy(mediaTypes, "media_types");
    }
  }

  /** The new post's id and timestamp (the original returns nothing). */
  public record ComposePostResponse(long postId, long timestamp) {}

  private final ServiceClient services;
  private final Fanout fanout;
  private final Clock clock;

  /** An orchestrator calling the other services through {@code services}. */
  public ComposePostService(ServiceClient services, Fanout fanout, Clock clock) {
    this.services = Objects.requireNonNull(services, "services");
    this.fanout = Objects.requireNonNull(fanout, "fanout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Composes, stores and fans out a post.
   *
   * @throws io.spillover.samples.social.ServiceException BAD_REQUEST for a missing username, text or
   *     post type, or media lists of different lengths; any error of the services it calls
   */
  public ComposePostResponse composePost(ComposePostRequest r) {
    Checks.present(r, "request");
    Checks.text(r.username(), "username");
    Checks.present(r.text(), "text");
    Checks.present(r.postType(), "post_type");
    long timestamp = clock.millis();
    long reqId = r.reqId();

    CompletableFuture<ComposeTextResponse> text = fanout.start(() ->
        services.call(Operations.TEXT_COMPOSE, new ComposeTextRequest(reqId, r.text())));
    CompletableFuture<Creator> creator = fanout.start(() -> services.call(
        Operations.USER_COMPOSE_CREATOR_WITH_USER_ID,
        new ComposeCreatorWithUserIdRequest(reqId, r.userId(), r.username())).creator());
    CompletableFuture<List<Media>> media = fanout.start(() -> services.call(Operations.MEDIA_COMPOSE,
        new ComposeMediaRequest(reqId, r.mediaTypes(), r.mediaIds())).media());
    CompletableFuture<Long> postId = fanout.start(() -> services.call(Operations.UNIQUE_ID_COMPOSE,
        new ComposeUniqueIdRequest(reqId, r.postType())).uniqueId());

    ComposeTextResponse composed = Fanout.join(text);
    Post post = new Post(Fanout.join(postId), Fanout.join(creator), reqId, composed.text(),
        composed.userMentions(), Fanout.join(media), composed.urls(), timestamp, r.postType());

    services.call(Operations.POST_STORAGE_STORE, new StorePostRequest(reqId, post));
    services.call(Operations.USER_TIMELINE_WRITE,
        new WriteUserTimelineRequest(reqId, post.postId(), r.userId(), timestamp));
    List<Long> mentioned = post.userMentions().stream().map(UserMention::userId).toList();
    services.call(Operations.HOME_TIMELINE_WRITE,
        new WriteHomeTimelineRequest(reqId, post.postId(), r.userId(), timestamp, mentioned));
    return new ComposePostResponse(post.postId(), timestamp);
  }
}
