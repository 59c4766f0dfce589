package io.spillover.samples.social;

import io.spillover.samples.social.internal.Fanout;
import io.spillover.samples.social.service.ComposePostService;
import io.spillover.samples.social.service.HomeTimelineService;
import io.spillover.samples.social.service.MediaService;
import io.spillover.samples.social.service.PostStorageService;
import io.spillover.samples.social.service.SocialGraphService;
import io.spillover.samples.social.service.TextService;
import io.spillover.samples.social.service.UniqueIdService;
import io.spillover.samples.social.service.UrlShortenService;
import io.spillover.samples.social.service.UserMentionService;
import io.spillover.samples.social.service.UserService;
import io.spillover.samples.social.service.UserTimelineService;
import io.spillover.samples.social.storage.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The eleven logic services wired over one {@link Storage}. Every call between services, and every
 * call from the front end, goes through {@link #call}, i.e. through the {@link ServiceCaller}; the
 * in-process implementation of any operation is {@link #handler}. A function twin builds the same
 * object over HTTP storage with the direct caller and serves {@code handler(op)} for each op.
 */
public final class SocialNetwork implements ServiceClient {
  private final ServiceCaller caller;
  private final Map<Operation<?, ?>, Function<?, ?>> handlers = new HashMap<>();

  private SocialNetwork(Builder b) {
    this.caller = b.caller;
    Storage s = b.storage;
    Fanout fanout = new Fanout(b.fanoutExecutor);
    UniqueIdService uniqueId = new UniqueIdService(b.machineId, b.clock);
    TextService text = new TextService(this, fanout);
    UserMentionService userMention = new UserMentionService(s.users());
    UrlShortenService urlShorten = new UrlShortenService(s.urls(), b.random);
    MediaService media = new MediaService();
    UserService user = new UserService(s.users(), this, b.machineId, b.clock, b.random, b.tokenSecret);
    SocialGraphService graph = new SocialGraphService(s.socialGraph(), this, fanout, b.clock);
    PostStorageService posts = new PostStorageService(s.posts());
    UserTimelineService userTimeline = new UserTimelineService(s.userTimelines(), this);
    HomeTimelineService homeTimeline = new HomeTimelineService(s.homeTimelines(), this);
    ComposePostService compose = new ComposePostService(this, fanout, b.clock);

    register(Operations.UNIQUE_ID_COMPOSE, uniqueId::composeUniqueId);
    register(Operations.TEXT_COMPOSE, text::composeText);
    register(Operations.USER_MENTION_COMPOSE, userMention::composeUserMentions);
    register(Operations.URL_SHORTEN_COMPOSE_URLS, urlShorten::composeUrls);
    register(Operations.URL_SHORTEN_GET_EXTENDED_URLS, urlShorten::getExtendedUrls);
    register(Operations.MEDIA_COMPOSE, media::composeMedia);
    register(Operations.USER_REGISTER, user::registerUser);
    register(Operations.USER_REGISTER_WITH_ID, user::registerUserWithId);
    register(Operations.USER_LOGIN, user::login);
    register(Operations.USER_COMPOSE_CREATOR_WITH_USER_ID, user::composeCreatorWithUserId);
    register(Operations.USER_COMPOSE_CREATOR_WITH_USERNAME, user::composeCreatorWithUsername);
    register(Operations.USER_GET_USER_ID, user::getUserId);
    register(Operations.SOCIAL_GRAPH_GET_FOLLOWERS, graph::getFollowers);
    register(Operations.SOCIAL_GRAPH_GET_FOLLOWEES, graph::getFollowees);
    register(Operations.SOCIAL_GRAPH_FOLLOW, graph::follow);
    register(Operations.SOCIAL_GRAPH_UNFOLLOW, graph::unfollow);
    register(Operations.SOCIAL_GRAPH_FOLLOW_WITH_USERNAME, graph::followWithUsername);
    register(Operations.SOCIAL_GRAPH_UNFOLLOW_WITH_USERNAME, graph::unfollowWithUsername);
    register(Operations.SOCIAL_GRAPH_INSERT_USER, graph::insertUser);
    register(Operations.POST_STORAGE_STORE, posts::storePost);
    register(Operations.POST_STORAGE_READ_POST, posts::readPost);
    register(Operations.POST_STORAGE_READ_POSTS, posts::readPosts);
    register(Operations.USER_TIMELINE_WRITE, userTimeline::writeUserTimeline);
    register(Operations.USER_TIMELINE_READ, userTimeline::readUserTimeline);
    register(Operations.HOME_TIMELINE_WRITE, homeTimeline::writeHomeTimeline);
    register(Operations.HOME_TIMELINE_READ, homeTimeline::readHomeTimeline);
    register(Operations.COMPOSE_POST, compose::composePost);
    if (!handlers.keySet().containsAll(Operations.ALL) || handlers.size() != Operations.ALL.size()) {
      throw new IllegalStateException("an operation has no handler");
    }
  }

  /** A builder; {@link Builder#storage} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Calls {@code operation} through the service caller. */
  @Override
  public <Q, R> R call(Operation<Q, R> operation, Q request) {
    return caller.call(operation, request, handler(operation));
  }

  /** The in-process implementation of {@code operation} (what a function twin runs). */
  @SuppressWarnings("unchecked")
  public <Q, R> Function<Q, R> handler(Operation<Q, R> operation) {
    Function<Q, R> handler = (Function<Q, R>) handlers.get(Objects.requireNonNull(operation, "operation"));
    if (handler == null) {
      throw new IllegalArgumentException("unknown operation " + operation.name());
    }
    return handler;
  }

  private <Q, R> void register(Operation<Q, R> operation, Function<Q, R> handler) {
    handlers.put(operation, handler);
  }

  /** Options of a {@link SocialNetwork}; all but the storage have defaults. */
  public static final class Builder {
    private Storage storage;
    private ServiceCaller caller = ServiceCaller.direct();
    private Clock clock = Clock.systemUTC();
    private int machineId;
    private Random random = new SecureRandom();
    private String tokenSecret = "secret";
    private Executor fanoutExecutor = Runnable::run;

    private Builder() {}

    /** The storage tier (in memory, or HTTP clients of it). Required. */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The seam for every service call; default {@link ServiceCaller#direct()}. */
    public Builder caller(ServiceCaller caller) {
      this.caller = Objects.requireNonNull(caller, "caller");
      return this;
    }

    /** Time of posts, follows, ids and tokens; default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** This instance's id space for post and user ids, 0..2047; default 0. Unique per instance. */
    public Builder machineId(int machineId) {
      if (machineId < 0 || machineId > 0x7FF) {
        throw new IllegalArgumentException("machineId must be 0..2047, was " + machineId);
      }
      this.machineId = machineId;
      return this;
    }

    /** Source of salts and short-URL codes (shared across threads); default a SecureRandom. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** HMAC secret of login tokens; default {@code "secret"} as in the original's config. */
    public Builder tokenSecret(String tokenSecret) {
      if (tokenSecret == null || tokenSecret.isEmpty()) {
        throw new IllegalArgumentException("tokenSecret must not be empty");
      }
      this.tokenSecret = tokenSecret;
      return this;
    }

    /**
     * Where calls the original makes in parallel run; default the calling thread (one after
     * another). Must not be a small bounded pool: fan-outs nest (compose-post, then text).
     */
    public Builder fanoutExecutor(Executor fanoutExecutor) {
      this.fanoutExecutor = Objects.requireNonNull(fanoutExecutor, "fanoutExecutor");
      return this;
    }

    /** The wired services. */
    public SocialNetwork build() {
      if (storage == null) {
        throw new IllegalStateException("storage is required");
      }
      return new SocialNetwork(this);
    }
  }
}
