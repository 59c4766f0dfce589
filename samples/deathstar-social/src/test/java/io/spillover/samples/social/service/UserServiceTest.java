package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.Operations;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.TestNetworks;
import io.spillover.samples.social.internal.Json;
import io.spillover.samples.social.model.Creator;
import io.spillover.samples.social.service.UserService.ComposeCreatorWithUserIdRequest;
import io.spillover.samples.social.service.UserService.ComposeCreatorWithUsernameRequest;
import io.spillover.samples.social.service.UserService.GetUserIdRequest;
import io.spillover.samples.social.service.UserService.LoginRequest;
import io.spillover.samples.social.service.UserService.RegisterUserRequest;
import io.spillover.samples.social.service.UserService.RegisterUserWithIdRequest;
import io.spillover.samples.social.storage.UserRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

class UserServiceTest {
  private final TestNetworks t = new TestNetworks();

  private long register(String username, long id) {
    return t.network.call(Operations.USER_REGISTER_WITH_ID,
        new RegisterUserWithIdRequest(1, "First", "Last", username, "pw-" + username, id)).userId();
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void registrationStoresASaltedSha256AndInsertsIntoTheGraph() throws Exception {
    assertThat(register("alice", 17)).isEqualTo(17);
    UserRecord alice = t.storage.users().findByUsername("alice").orElseThrow();
    assertThat(alice.salt()).matches("[0-9A-Za-z]{32}");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(("pw-alice" + alice.salt()).getBytes(StandardCharsets.UTF_8));
    assertThat(alice.passwordHash()).isEqualTo(HexFormat.of().formatHex(digest));
    assertThat(t.caller.calls()).containsExactly("user.register-user-with-id", "social-graph.insert-user");
    assertThat(t.storage.socialGraph().insertUser(17)).as("already in the graph").isFalse();
  }

  @Test
  void aTakenUsernameOrIdIsAConflict() {
    register("alice", 1);
    assertThatThrownBy(() -> register("alice", 2)).hasMessage("User alice already existed");
    assertCode(() -> register("alice", 2), ErrorCode.CONFLICT);
    assertCode(() -> register("bob", 1), ErrorCode.CONFLICT);
  }

  @Test
  void missingFieldsAndNegativeIdsAreBadRequests() {
    assertCode(() -> t.network.call(Operations.USER_REGISTER_WITH_ID,
        new RegisterUserWithIdRequest(1, "F", "L", " ", "pw", 3)), ErrorCode.BAD_REQUEST);
    assertCode(() -> t.network.call(Operations.USER_REGISTER_WITH_ID,
        new RegisterUserWithIdRequest(1, "F", "L", "u", null, 3)), ErrorCode.BAD_REQUEST);
    assertCode(() -> register("neg", -1), ErrorCode.BAD_REQUEST);
  }

  @Test
  void registerUserGeneratesDistinctIds() {
    long a = t.network.call(Operations.USER_REGISTER, new RegisterUserRequest(1, "F", "L", "a", "pw")).userId();
    long b = t.network.call(Operations.USER_REGISTER, new RegisterUserRequest(1, "F", "L", "b", "pw")).userId();
    assertThat(a).isNotEqualTo(b).isPositive();
    assertThat(a >>> 52).as("machine id").isEqualTo(7);
  }

  @Test
  void loginIssuesAnHs256TokenWithTheOriginalClaims() throws Exception {
    register("alice", 17);
    String token = t.network.call(Operations.USER_LOGIN, new LoginRequest(1, "alice", "pw-alice")).token();
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
    Map<String, String> claims = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(parts[1]),
        new TypeReference<Map<String, String>>() {});
    assertThat(claims).containsEntry("user_id", "17").containsEntry("username", "alice")
        .containsEntry("timestamp", Long.toString(TestNetworks.T0 / 1000)).containsEntry("ttl", "3600");
  }

  @Test
  void aWrongPasswordOrUnknownUserIsUnauthorized() {
    register("alice", 17);
    assertCode(() -> t.network.call(Operations.USER_LOGIN, new LoginRequest(1, "alice", "nope")),
        ErrorCode.UNAUTHORIZED);
    assertCode(() -> t.network.call(Operations.USER_LOGIN, new LoginRequest(1, "carol", "x")),
        ErrorCode.UNAUTHORIZED);
  }

  @Test
  void creatorWithUserIdIsTrustedAndLookupsResolveUsernames() {
    register("alice", 17);
    assertThat(t.network.call(Operations.USER_COMPOSE_CREATOR_WITH_USER_ID,
        new ComposeCreatorWithUserIdRequest(1, 99, "nobody")).creator()).isEqualTo(new Creator(99, "nobody"));
    assertThat(t.network.call(Operations.USER_COMPOSE_CREATOR_WITH_USERNAME,
        new ComposeCreatorWithUsernameRequest(1, "alice")).creator()).isEqualTo(new Creator(17, "alice"));
    assertThat(t.network.call(Operations.USER_GET_USER_ID, new GetUserIdRequest(1, "alice")).userId()).isEqualTo(17);
    assertCode(() -> t.network.call(Operations.USER_GET_USER_ID, new GetUserIdRequest(1, "bob")),
        ErrorCode.NOT_FOUND);
  }
}
