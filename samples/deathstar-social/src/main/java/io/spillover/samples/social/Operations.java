package io.spillover.samples.social;

import io.spillover.samples.social.service.ComposePostService.ComposePostRequest;
import io.spillover.samples.social.service.ComposePostService.ComposePostResponse;
import io.spillover.samples.social.service.HomeTimelineService.ReadHomeTimelineRequest;
import io.spillover.samples.social.service.HomeTimelineService.ReadHomeTimelineResponse;
import io.spillover.samples.social.service.HomeTimelineService.WriteHomeTimelineRequest;
import io.spillover.samples.social.service.HomeTimelineService.WriteHomeTimelineResponse;
import io.spillover.samples.social.service.MediaService.ComposeMediaRequest;
import io.spillover.samples.social.service.MediaService.ComposeMediaResponse;
import io.spillover.samples.social.service.PostStorageService.ReadPostRequest;
import io.spillover.samples.social.service.PostStorageService.ReadPostResponse;
import io.spillover.samples.social.service.PostStorageService.ReadPostsRequest;
import io.spillover.samples.social.service.PostStorageService.ReadPostsResponse;
import io.spillover.samples.social.service.PostStorageService.StorePostRequest;
import io.spillover.samples.social.service.PostStorageService.StorePostResponse;
import io.spillover.samples.social.service.SocialGraphService.FollowRequest;
import io.spillover.samples.social.service.SocialGraphService.FollowResponse;
import io.spillover.samples.social.service.SocialGraphService.FollowWithUsernameRequest;
import io.spillover.samples.social.service.SocialGraphService.GetFolloweesRequest;
import io.spillover.samples.social.service.SocialGraphService.GetFollowersRequest;
import io.spillover.samples.social.service.SocialGraphService.InsertUserRequest;
import io.spillover.samples.social.service.SocialGraphService.InsertUserResponse;
import io.spillover.samples.social.service.SocialGraphService.UserIdsResponse;
import io.spillover.samples.social.service.TextService.ComposeTextRequest;
import io.spillover.samples.social.service.TextService.ComposeTextResponse;
import io.spillover.samples.social.service.UniqueIdService.ComposeUniqueIdRequest;
import io.spillover.samples.social.service.UniqueIdService.ComposeUniqueIdResponse;
import io.spillover.samples.social.service.UrlShortenService.ComposeUrlsRequest;
import io.spillover.samples.social.service.UrlShortenService.ComposeUrlsResponse;
import io.spillover.samples.social.service.UrlShortenService.GetExtendedUrlsRequest;
import io.spillover.samples.social.service.UrlShortenService.GetExtendedUrlsResponse;
import io.spillover.samples.social.service.UserMentionService.ComposeUserMentionsRequest;
import io.spillover.samples.social.service.UserMentionService.ComposeUserMentionsResponse;
import io.spillover.samples.social.service.UserService.ComposeCreatorResponse;
import io.spillover.samples.social.service.UserService.ComposeCreatorWithUserIdRequest;
import io.spillover.samples.social.service.UserService.ComposeCreatorWithUsernameRequest;
import io.spillover.samples.social.service.UserService.GetUserIdRequest;
import io.spillover.samples.social.service.UserService.GetUserIdResponse;
import io.spillover.samples.social.service.UserService.LoginRequest;
import io.spillover.samples.social.service.UserService.LoginResponse;
import io.spillover.samples.social.service.UserService.RegisterUserRequest;
import io.spillover.samples.social.service.UserService.RegisterUserResponse;
import io.spillover.samples.social.service.UserService.RegisterUserWithIdRequest;
import io.spillover.samples.social.service.UserTimelineService.ReadUserTimelineRequest;
import io.spillover.samples.social.service.UserTimelineService.ReadUserTimelineResponse;
import io.spillover.samples.social.service.UserTimelineService.WriteUserTimelineRequest;
import io.spillover.samples.social.service.UserTimelineService.WriteUserTimelineResponse;
import java.util.List;

/** Every operation of the eleven logic services: the Thrift IDL of DeathStarBench, one constant each. */
public final class Operations {
  private Operations() {}

  public static final Operation<ComposeUniqueIdRequest, ComposeUniqueIdResponse> UNIQUE_ID_COMPOSE =
      Operation.of("unique-id", "compose-unique-id", ComposeUniqueIdRequest.class, ComposeUniqueIdResponse.class);
  public static final Operation<ComposeTextRequest, ComposeTextResponse> TEXT_COMPOSE =
      Operation.of("text", "compose-text", ComposeTextRequest.class, ComposeTextResponse.class);
  public static final Operation<ComposeUserMentionsRequest, ComposeUserMentionsResponse> USER_MENTION_COMPOSE =
      Operation.of("user-mention", "compose-user-mentions", ComposeUserMentionsRequest.class,
          ComposeUserMentionsResponse.class);
  public static final Operation<ComposeUrlsRequest, ComposeUrlsResponse> URL_SHORTEN_COMPOSE_URLS =
      Operation.of("url-shorten", "compose-urls", ComposeUrlsRequest.class, ComposeUrlsResponse.class);
  public static final Operation<GetExtendedUrlsRequest, GetExtendedUrlsResponse> URL_SHORTEN_GET_EXTENDED_URLS =
      Operation.of("url-shorten", "get-extended-urls", GetExtendedUrlsRequest.class, GetExtendedUrlsResponse.class);
  public static final Operation<ComposeMediaRequest, ComposeMediaResponse> MEDIA_COMPOSE =
      Operation.of("media", "compose-media", ComposeMediaRequest.class, ComposeMediaResponse.class);

  public static final Operation<RegisterUserRequest, RegisterUserResponse> USER_REGISTER =
      Operation.of("user", "register-user", RegisterUserRequest.class, RegisterUserResponse.class);
  public static final Operation<RegisterUserWithIdRequest, RegisterUserResponse> USER_REGISTER_WITH_ID =
      Operation.of("user", "register-user-with-id", RegisterUserWithIdRequest.class, RegisterUserResponse.class);
  public static final Operation<LoginRequest, LoginResponse> USER_LOGIN =
      Operation.of("user", "login", LoginRequest.class, LoginResponse.class);
  public static final Operation<ComposeCreatorWithUserIdRequest, ComposeCreatorResponse>
      USER_COMPOSE_CREATOR_WITH_USER_ID = Operation.of("user", "compose-creator-with-user-id",
          ComposeCreatorWithUserIdRequest.class, ComposeCreatorResponse.class);
  public static final Operation<ComposeCreatorWithUsernameRequest, ComposeCreatorResponse>
      USER_COMPOSE_CREATOR_WITH_USERNAME = Operation.of("user", "compose-creator-with-username",
          ComposeCreatorWithUsernameRequest.class, ComposeCreatorResponse.class);
  public static final Operation<GetUserIdRequest, GetUserIdResponse> USER_GET_USER_ID =
      Operation.of("user", "get-user-id", GetUserIdRequest.class, GetUserIdResponse.class);

  public static final Operation<GetFollowersRequest, UserIdsResponse> SOCIAL_GRAPH_GET_FOLLOWERS =
      Operation.of("social-graph", "get-followers", GetFollowersRequest.class, UserIdsResponse.class);
  public static final Operation<GetFolloweesRequest, UserIdsResponse> SOCIAL_GRAPH_GET_FOLLOWEES =
      Operation.of("social-graph", "get-followees", GetFolloweesRequest.class, UserIdsResponse.class);
  public static final Operation<FollowRequest, FollowResponse> SOCIAL_GRAPH_FOLLOW =
      Operation.of("social-graph", "follow", FollowRequest.class, FollowResponse.class);
  public static final Operation<FollowRequest, FollowResponse> SOCIAL_GRAPH_UNFOLLOW =
      Operation.of("social-graph", "unfollow", FollowRequest.class, FollowResponse.class);
  public static final Operation<FollowWithUsernameRequest, FollowResponse> SOCIAL_GRAPH_FOLLOW_WITH_USERNAME =
      Operation.of("social-graph", "follow-with-username", FollowWithUsernameRequest.class, FollowResponse.class);
  public static final Operation<FollowWithUsernameRequest, FollowResponse> SOCIAL_GRAPH_UNFOLLOW_WITH_USERNAME =
      Operation.of("social-graph", "unfollow-with-username", FollowWithUsernameRequest.class,
          FollowResponse.class);
  public static final Operation<InsertUserRequest, InsertUserResponse> SOCIAL_GRAPH_INSERT_USER =
      Operation.of("social-graph", "insert-user", InsertUserRequest.class, InsertUserResponse.class);

  public static final Operation<StorePostRequest, StorePostResponse> POST_STORAGE_STORE =
      Operation.of("post-storage", "store-post", StorePostRequest.class, StorePostResponse.class);
  public static final Operation<ReadPostRequest, ReadPostResponse> POST_STORAGE_READ_POST =
      Operation.of("post-storage", "read-post", ReadPostRequest.class, ReadPostResponse.class);
  public static final Operation<ReadPostsRequest, ReadPostsResponse> POST_STORAGE_READ_POSTS =
      Operation.of("post-storage", "read-posts", ReadPostsRequest.class, ReadPostsResponse.class);

  public static final Operation<WriteUserTimelineRequest, WriteUserTimelineResponse> USER_TIMELINE_WRITE =
      Operation.of("user-timeline", "write-user-timeline", WriteUserTimelineRequest.class,
          WriteUserTimelineResponse.class);
  public static final Operation<ReadUserTimelineRequest, ReadUserTimelineResponse> USER_TIMELINE_READ =
      Operation.of("user-timeline", "read-user-timeline", ReadUserTimelineRequest.class,
          ReadUserTimelineResponse.class);
  public static final Operation<WriteHomeTimelineRequest, WriteHomeTimelineResponse> HOME_TIMELINE_WRITE =
      Operation.of("home-timeline", "write-home-timeline", WriteHomeTimelineRequest.class,
          WriteHomeTimelineResponse.class);
  public static final Operation<ReadHomeTimelineRequest, ReadHomeTimelineResponse> HOME_TIMELINE_READ =
      Operation.of("home-timeline", "read-home-timeline", ReadHomeTimelineRequest.class,
          ReadHomeTimelineResponse.class);

  public static final Operation<ComposePostRequest, ComposePostResponse> COMPOSE_POST =
      Operation.of("compose-post", "compose-post", ComposePostRequest.class, ComposePostResponse.class);

  /** All operations, grouped by service. */
  public static final List<Operation<?, ?>> ALL = List.of(UNIQUE_ID_COMPOSE, TEXT_COMPOSE,
      USER_MENTION_COMPOSE, URL_SHORTEN_COMPOSE_URLS, URL_SHORTEN_GET_EXTENDED_URLS, MEDIA_COMPOSE,
      USER_REGISTER, USER_REGISTER_WITH_ID, USER_LOGIN, USER_COMPOSE_CREATOR_WITH_USER_ID,
      USER_COMPOSE_CREATOR_WITH_USERNAME, USER_GET_USER_ID, SOCIAL_GRAPH_GET_FOLLOWERS,
      SOCIAL_GRAPH_GET_FOLLOWEES, SOCIAL_GRAPH_FOLLOW, SOCIAL_GRAPH_UNFOLLOW,
      SOCIAL_GRAPH_FOLLOW_WITH_USERNAME, SOCIAL_GRAPH_UNFOLLOW_WITH_USERNAME, SOCIAL_GRAPH_INSERT_USER,
      POST_STORAGE_STORE, POST_STORAGE_READ_POST, POST_STORAGE_READ_POSTS, USER_TIMELINE_WRITE,
      USER_TIMELINE_READ, HOME_TIMELINE_WRITE, HOME_TIMELINE_READ, COMPOSE_POST);
}
