package io.spillover.samples.social.frontend;

import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.Media;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.service.ComposePostService.ComposePostRequest;
import io.spillover.samples.social.service.ComposePostService.ComposePostResponse;
import io.spillover.samples.social.service.HomeTimelineService.ReadHomeTimelineRequest;
import io.spillover.samples.social.service.SocialGraphService.FollowRequest;
import io.spillover.samples.social.service.SocialGraphService.FollowWithUsernameRequest;
import io.spillover.samples.social.service.SocialGraphService.GetFolloweesRequest;
import io.spillover.samples.social.service.SocialGraphService.GetFollowersRequest;
import io.spillover.samples.social.service.UserService.LoginRequest;
import io.spillover.samples.social.service.UserService.RegisterUserRequest;
import io.spillover.samples.social.service.UserService.RegisterUserWithIdRequest;
import io.spillover.samples.social.service.UserTimelineService.ReadUserTimelineRequest;
import io.spillover.samples.social.storage.MediaStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The operations of DeathStarBench's front ends (nginx and media-frontend) as Java methods. Each call
 * gets a fresh request id and goes to the logic services through {@code services} (a
 * {@link io.spillover.samples.social.SocialNetwork}, hence through its service caller); media go
 * straight to the media store, as in the original.
 */
public final class SocialFrontend {
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9]{1,10}");

  private final ServiceClient services;
  private final MediaStore media;
  private final LongSupplier reqIds;

  /** A front end whose request ids are random 60-bit numbers, like nginx's. */
  public SocialFrontend(ServiceClient services, MediaStore media) {
    this(services, media, () -> ThreadLocalRandom.current().nextLong() >>> 4);
  }

  /** A front end with its own request ids (tests). */
  public SocialFrontend(ServiceClient services, MediaStore media, LongSupplier reqIds) {
    this.services = Objects.requireNonNull(services, "services");
    this.media = Objects.requireNonNull(media, "media");
    this.reqIds = Objects.requireNonNull(reqIds, "reqIds");
  }

  /** {@code /wrk2-api/user/register}: registers a user under a chosen id. */
  public long registerUser(String firstName, String lastName, String username, String password, long userId) {
    return services.call(Operations.USER_REGISTER_WITH_ID, new RegisterUserWithIdRequest(reqIds.getAsLong(),
        firstName, lastName, username, password, userId)).userId();
  }

  /** {@code /api/user/register}: registers a user under a generated id. */
  public long registerUser(String firstName, String lastName, String username, String password) {
    return services.call(Operations.USER_REGISTER, new RegisterUserRequest(reqIds.getAsLong(),
        firstName, lastName, username, password)).userId();
  }

  /** {@code /api/user/login}: a signed token. */
  public String login(String username, String password) {
    return services.call(Operations.USER_LOGIN, new LoginRequest(reqIds.getAsLong(), username, password)).token();
  }

  /** {@code /wrk2-api/user/follow} by ids; false if the edge existed. */
  public boolean follow(long userId, long followeeId) {
    return services.call(Operations.SOCIAL_GRAPH_FOLLOW,
        new FollowRequest(reqIds.getAsLong(), userId, followeeId)).changed();
  }

  /** {@code /wrk2-api/user/follow} by usernames. */
  public boolean follow(String username, String followeeName) {
    return services.call(Operations.SOCIAL_GRAPH_FOLLOW_WITH_USERNAME,
        new FollowWithUsernameRequest(reqIds.getAsLong(), username, followeeName)).changed();
  }

  /** {@code /wrk2-api/user/unfollow} by ids; false if there was no edge. */
  public boolean unfollow(long userId, long followeeId) {
    return services.call(Operations.SOCIAL_GRAPH_UNFOLLOW,
        new FollowRequest(reqIds.getAsLong(), userId, followeeId)).changed();
  }

  /** {@code /wrk2-api/user/unfollow} by usernames. */
  public boolean unfollow(String username, String followeeName) {
    return services.call(Operations.SOCIAL_GRAPH_UNFOLLOW_WITH_USERNAME,
        new FollowWithUsernameRequest(reqIds.getAsLong(), username, followeeName)).changed();
  }

  /** {@code /api/user/get_follower}. */
  public List<Long> followers(long userId) {
    return services.call(Operations.SOCIAL_GRAPH_GET_FOLLOWERS,
        new GetFollowersRequest(reqIds.getAsLong(), userId)).userIds();
  }

  /** {@code /api/user/get_followee}. */
  public List<Long> followees(long userId) {
    return services.call(Operations.SOCIAL_GRAPH_GET_FOLLOWEES,
        new GetFolloweesRequest(reqIds.getAsLong(), userId)).userIds();
  }

  /** {@code /wrk2-api/post/compose}. */
  public ComposePostResponse composePost(String username, long userId, String text, List<Long> mediaIds,
      List<String> mediaTypes, PostType postType) {
    return services.call(Operations.COMPOSE_POST, new ComposePostRequest(reqIds.getAsLong(), username,
        userId, text, mediaIds, mediaTypes, postType));
  }

  /** {@code /wrk2-api/home-timeline/read}: positions [start, stop), newest first. */
  public List<Post> readHomeTimeline(long userId, int start, int stop) {
    return services.call(Operations.HOME_TIMELINE_READ,
        new ReadHomeTimelineRequest(reqIds.getAsLong(), userId, start, stop)).posts();
  }

  /** {@code /wrk2-api/user-timeline/read}: positions [start, stop), newest first. */
  public List<Post> readUserTimeline(long userId, int start, int stop) {
    return services.call(Operations.USER_TIMELINE_READ,
        new ReadUserTimelineRequest(reqIds.getAsLong(), userId, start, stop)).posts();
  }

  /** media-frontend {@code /upload-media}: stores a blob as {@code <id>.<type>}, id from the request id. */
  public Media uploadMedia(String mediaType, byte[] content) {
    String type = Checks.text(mediaType, "media_type");
    if (!MEDIA_TYPE.matcher(type).matches()) {
      throw ServiceException.badRequest("media_type must be 1-10 of [a-z0-9], was " + type);
    }
    Checks.present(content, "media");
    for (int attempt = 0; attempt < 3; attempt++) {
      long id = reqIds.getAsLong();
      if (media.put(id + "." + type, content)) {
        return new Media(id, type);
      }
    }
    throw ServiceException.conflict("no free media id after 3 attempts");
  }

  /** media-frontend {@code /get-media}: the blob stored as {@code filename}, if any. */
  public Optional<byte[]> getMedia(String filename) {
    return media.get(Checks.text(filename, "filename"));
  }
}
