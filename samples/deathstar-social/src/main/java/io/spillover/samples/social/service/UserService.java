package io.spillover.samples.social.service;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.Creator;
import io.spillover.samples.social.service.SocialGraphService.InsertUserRequest;
import io.spillover.samples.social.service.internal.LoginTokens;
import io.spillover.samples.social.service.internal.Passwords;
import io.spillover.samples.social.service.internal.UniqueIdGenerator;
import io.spillover.samples.social.storage.UserRecord;
import io.spillover.samples.social.storage.UserStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;

/** user: registration, login and username lookups; registration also adds the user to social-graph. */
public final class UserService {
  /** Lifetime of a login token in seconds, as in the original. */
  public static final long TOKEN_TTL_SECONDS = 3600;

  /** {@code RegisterUser}: the user id is generated. */
  public record RegisterUserRequest(long reqId, String firstName, String lastName, String username,
      String password) {}

  /** {@code RegisterUserWithId}: the caller picks the user id (the wrk2 API and graph loading). */
  public record RegisterUserWithIdRequest(long reqId, String firstName, String lastName, String username,
      String password, long userId) {}

  /** The registered user's id. */
  public record RegisterUserResponse(long userId) {}

  /** {@code Login}. */
  public record LoginRequest(long reqId, String username, String password) {}

  /** A signed token ({@code HS256} JWT) for the UI API. */
  public record LoginResponse(String token) {}

  /** {@code ComposeCreatorWithUserId}: trusts the pair as given. */
  public record ComposeCreatorWithUserIdRequest(long reqId, long userId, String username) {}

  /** {@code ComposeCreatorWithUsername}: looks the id up. */
  public record ComposeCreatorWithUsernameRequest(long reqId, String username) {}

  /** A post's creator. */
  public record ComposeCreatorResponse(Creator creator) {}

  /** {@code GetUserId}. */
  public record GetUserIdRequest(long reqId, String username) {}

  /** The id registered for the username. */
  public record GetUserIdResponse(long userId) {}

  private final UserStore users;
  private final ServiceClient services;
  private final UniqueIdGenerator ids;
  private final Clock clock;
  private final Random random;
  private final LoginTokens tokens;

  /**
   * A service over {@code users}.
   *
   * @param machineId the id space of generated user ids (0..2047), as for unique-id
   * @param random draws password salts (thread-safe)
   * @param tokenSecret the HMAC secret of login tokens
   */
  public UserService(UserStore users, ServiceClient services, int machineId, Clock clock, Random random,
      String tokenSecret) {
    this.users = Objects.requireNonNull(users, "users");
    this.services = Objects.requireNonNull(services, "services");
    this.ids = new UniqueIdGenerator(machineId, clock);
    this.clock = clock;
    this.random = Objects.requireNonNull(random, "random");
    this.tokens = new LoginTokens(tokenSecret);
  }

  /** Registers a user under a generated id. */
  public RegisterUserResponse registerUser(RegisterUserRequest r) {
    Checks.present(r, "request");
    return register(r.reqId(), r.firstName(), r.lastName(), r.username(), r.password(), ids.next());
  }

  /**
   * Registers a user under the given id, then inserts it into the social graph (no rollback if that
   * fails, as in the original).
   *
   * @throws ServiceException CONFLICT if the username or the id is taken; BAD_REQUEST if a field is missing
   */
  public RegisterUserResponse registerUserWithId(RegisterUserWithIdRequest r) {
    Checks.present(r, "request");
    if (r.userId() < 0) {
      throw ServiceException.badRequest("user_id must not be negative, was " + r.userId());
    }
    return register(r.reqId(), r.firstName(), r.lastName(), r.username(), r.password(), r.userId());
  }

  private RegisterUserResponse register(long reqId, String first, String last, String username,
      String password, long userId) {
    Checks.text(first, "first_name");
    Checks.text(last, "last_name");
    Checks.text(username, "username");
    Checks.text(password, "password");
    String salt = Passwords.salt(random);
    UserRecord user = new UserRecord(userId, first, last, username, salt, Passwords.hash(password, salt));
    switch (users.insert(user)) {
      case USERNAME_TAKEN:
        throw ServiceException.conflict("User " + username + " already existed");
      case USER_ID_TAKEN:
        throw ServiceException.conflict("user_id " + userId + " is already registered");
      default:
        break;
    }
    services.call(Operations.SOCIAL_GRAPH_INSERT_USER, new InsertUserRequest(reqId, userId));
    return new RegisterUserResponse(userId);
  }

  /**
   * Checks the password and issues a token.
   *
   * @throws ServiceException UNAUTHORIZED for an unknown user or a wrong password
   */
  public LoginResponse login(LoginRequest r) {
    Checks.present(r, "request");
    Checks.text(r.username(), "username");
    Checks.present(r.password(), "password");
    UserRecord user = users.findByUsername(r.username()).orElseThrow(() ->
        new ServiceException(ErrorCode.UNAUTHORIZED, "User: " + r.username() + " is not registered"));
    if (!Passwords.matches(r.password(), user.salt(), user.passwordHash())) {
      throw new ServiceException(ErrorCode.UNAUTHORIZED, "Incorrect username or password");
    }
    long nowSeconds = clock.millis() / 1000;
    return new LoginResponse(tokens.issue(user.userId(), user.username(), nowSeconds, TOKEN_TTL_SECONDS));
  }

  /** The creator as given, with no lookup (the original trusts the front end here). */
  public ComposeCreatorResponse composeCreatorWithUserId(ComposeCreatorWithUserIdRequest r) {
    Checks.present(r, "request");
    Checks.text(r.username(), "username");
    return new ComposeCreatorResponse(new Creator(r.userId(), r.username()));
  }

  /** The creator of a registered username; NOT_FOUND if it is unknown. */
  public ComposeCreatorResponse composeCreatorWithUsername(ComposeCreatorWithUsernameRequest r) {
    Checks.present(r, "request");
    return new ComposeCreatorResponse(new Creator(userIdOf(r.username()), r.username()));
  }

  /** The id of a registered username; NOT_FOUND if it is unknown. */
  public GetUserIdResponse getUserId(GetUserIdRequest r) {
    Checks.present(r, "request");
    return new GetUserIdResponse(userIdOf(r.username()));
  }

  private long userIdOf(String username) {
    Checks.text(username, "username");
    return users.findByUsername(username).map(UserRecord::userId).orElseThrow(() ->
        ServiceException.notFound("User: " + username + " is not registered"));
  }
}
