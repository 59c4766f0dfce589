package io.spillover.samples.social.service;

import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.internal.Fanout;
import io.spillover.samples.social.service.UserService.GetUserIdRequest;
import io.spillover.samples.social.storage.SocialGraphStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * social-graph: who follows whom. Both users of an edge must have been inserted (registration does
 * that); the original silently half-stores such an edge, this port answers NOT_FOUND.
 */
public final class SocialGraphService {

  /** {@code GetFollowers}. */
  public record GetFollowersRequest(long reqId, long userId) {}

  /** {@code GetFollowees}. */
  public record GetFolloweesRequest(long reqId, long userId) {}

  /** User ids, oldest follow first. */
  public record UserIdsResponse(List<Long> userIds) {
    /** Copies the list. */
    public UserIdsResponse {
      userIds = Checks.copy(userIds, "user_ids");
    }
  }

  /** {@code Follow} and {@code Unfollow}: {@code userId} (un)follows {@code followeeId}. */
  public record FollowRequest(long reqId, long userId, long followeeId) {}

  /** {@code FollowWithUsername} and {@code UnfollowWithUsername}. */
  public record FollowWithUsernameRequest(long reqId, String userUsername, String followeeUsername) {}

  /** Whether the graph changed (false: the edge already existed, or was already absent). */
  public record FollowResponse(boolean changed) {}

  /** {@code InsertUser}. */
  public record InsertUserRequest(long reqId, long userId) {}

  /** False if the user was already in the graph (inserting again is harmless). */
  public record InsertUserResponse(boolean inserted) {}

  private final SocialGraphStore graph;
  private final ServiceClient services;
  private final Fanout fanout;
  private final Clock clock;

  /** A service over {@code graph}, resolving usernames through user. */
  public SocialGraphService(SocialGraphStore graph, ServiceClient services, Fanout fanout, Clock clock) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.services = Objects.requireNonNull(services, "services");
    this.fanout = Objects.requireNonNull(fanout, "fanout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Followers of a user; empty for an unknown one. */
  public UserIdsResponse getFollowers(GetFollowersRequest r) {
    Checks.present(r, "request");
    return new UserIdsResponse(graph.followers(r.userId()));
  }

  /** Followees of a user; empty for an unknown one. */
  public UserIdsResponse getFollowees(GetFolloweesRequest r) {
    Checks.present(r, "request");
    return new UserIdsResponse(graph.followees(r.userId()));
  }

  /** Adds the edge, stamped now; NOT_FOUND if a user is not in the graph. */
  public FollowResponse follow(FollowRequest r) {
    Checks.present(r, "request");
    return new FollowResponse(graph.follow(r.userId(), r.followeeId(), clock.millis()));
  }

  /** Removes the edge; NOT_FOUND if a user is not in the graph. */
  public FollowResponse unfollow(FollowRequest r) {
    Checks.present(r, "request");
    return new FollowResponse(graph.unfollow(r.userId(), r.followeeId()));
  }

  /** Looks both ids up with user (in parallel), then follows; NOT_FOUND for an unknown username. */
  public FollowResponse followWithUsername(FollowWithUsernameRequest r) {
    return follow(byIds(r));
  }

  /** Looks both ids up with user (in parallel), then unfollows. */
  public FollowResponse unfollowWithUsername(FollowWithUsernameRequest r) {
    return unfollow(byIds(r));
  }

  /** Adds a user with no edges. */
  public InsertUserResponse insertUser(InsertUserRequest r) {
    Checks.present(r, "request");
    return new InsertUserResponse(graph.insertUser(r.userId()));
  }

  private FollowRequest byIds(FollowWithUsernameRequest r) {
    Checks.present(r, "request");
    Checks.text(r.userUsername(), "user_name");
    Checks.text(r.followeeUsername(), "followee_name");
    CompletableFuture<Long> user = fanout.start(() -> services.call(Operations.USER_GET_USER_ID,
        new GetUserIdRequest(r.reqId(), r.userUsername())).userId());
    CompletableFuture<Long> followee = fanout.start(() -> services.call(Operations.USER_GET_USER_ID,
        new GetUserIdRequest(r.reqId(), r.followeeUsername())).userId());
    return new FollowRequest(r.reqId(), Fanout.join(user), Fanout.join(followee));
  }
}
