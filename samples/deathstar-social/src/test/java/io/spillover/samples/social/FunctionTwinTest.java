package io.spillover.samples.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.frontend.SocialFrontend;
import io.spillover.samples.social.internal.Json;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.service.PostStorageService.ReadPostRequest;
import io.spillover.samples.social.service.UrlShortenService.GetExtendedUrlsRequest;
import io.spillover.samples.social.service.UserService.ComposeCreatorWithUsernameRequest;
import io.spillover.samples.social.storage.InMemoryStorage;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.storage.http.HttpStorage;
import io.spillover.samples.social.storage.http.StorageHttpServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The design the lead will wire with spillways: some operations run in a "function twin" (a second
 * SocialNetwork over HTTP storage, reached by JSON), the rest in place; every DTO crosses as JSON.
 */
class FunctionTwinTest {
  private final Storage vmStorage = InMemoryStorage.create();
  private final StorageHttpServer storageServer = StorageHttpServer.start(vmStorage, 0, 4);
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final MutableClock clock = new MutableClock(TestNetworks.T0);
  private final SocialNetwork twin = SocialNetwork.builder()
      .storage(HttpStorage.connect(storageServer.baseUri(), http)).clock(clock).machineId(9).build();

  @AfterEach
  void stop() {
    storageServer.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** Encodes the request, runs the twin's handler on the decoded copy, and decodes its reply. */
  private final class TwinCaller implements ServiceCaller {
    final Set<String> spilled;
    final Set<String> seen = new HashSet<>();

    TwinCaller(Set<String> spilled) {
      this.spilled = spilled;
    }

    @Override
    public synchronized <Q, R> R call(Operation<Q, R> op, Q request, Function<? super Q, ? extends R> local) {
      seen.add(op.name());
      Q decoded = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(request), op.requestType());
      assertThat(decoded).as("request of %s survives JSON", op.name()).isEqualTo(request);
      R response = spilled.contains(op.service()) ? twin.handler(op).apply(decoded) : local.apply(request);
      R back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(response), op.responseType());
      assertThat(back).as("response of %s survives JSON", op.name()).isEqualTo(response);
      return back;
    }
  }

  private SocialNetwork vm(ServiceCaller caller) {
    return SocialNetwork.builder().storage(vmStorage).caller(caller).clock(clock).machineId(1).build();
  }

  @Test
  void postsComposedInTheTwinAreReadOnTheVm() {
    TwinCaller caller = new TwinCaller(Set.of("compose-post", "text", "home-timeline", "user"));
    SocialNetwork vm = vm(caller);
    SocialFrontend frontend = new SocialFrontend(vm, vmStorage.media());
    for (int i = 0; i < 3; i++) {
      frontend.registerUser("f", "l", "username_" + i, "pw", i);
    }
    frontend.follow(1, 0);
    long postId = frontend.composePost("username_0", 0, "hey @username_2 http://x.io", List.of(4L),
        List.of("png"), PostType.POST).postId();

    assertThat(postId >>> 52).as("id drawn by the twin's unique-id").isEqualTo(9);
    for (long reader : List.of(1L, 2L)) {
      assertThat(frontend.readHomeTimeline(reader, 0, 10)).extracting(Post::postId).containsExactly(postId);
    }
    assertThat(vmStorage.posts().findAll(List.of(postId))).singleElement()
        .satisfies(p -> assertThat(p.text()).startsWith("hey @username_2 http://short-url/"));
  }

  @Test
  void everyOperationCrossesJsonUnchanged() {
    // nothing spilled, so every hop (nested ones too) passes the caller and is JSON-checked
    TwinCaller caller = new TwinCaller(Set.of());
    SocialNetwork vm = vm(caller);
    SocialFrontend frontend = new SocialFrontend(vm, vmStorage.media());
    frontend.registerUser("f", "l", "username_0", "pw", 0);
    frontend.registerUser("f", "l", "username_1", "pw", 1);
    frontend.registerUser("f", "l", "generated", "pw");
    frontend.login("username_0", "pw");
    frontend.follow(1, 0);
    frontend.follow("username_0", "username_1");
    frontend.unfollow("username_0", "username_1");
    frontend.unfollow(0, 1);
    frontend.followees(1);
    long id = frontend.composePost("username_0", 0, "a @username_1 http://y.io", null, null, PostType.REPOST)
        .postId();
    Post post = frontend.readUserTimeline(0, 0, 1).get(0);
    assertThat(frontend.readHomeTimeline(1, 0, 1)).containsExactly(post);
    assertThat(vm.call(Operations.POST_STORAGE_READ_POST, new ReadPostRequest(1, id)).post()).isEqualTo(post);
    assertThat(vm.call(Operations.URL_SHORTEN_GET_EXTENDED_URLS,
        new GetExtendedUrlsRequest(1, List.of(post.urls().get(0).shortenedUrl()))).expandedUrls())
        .containsExactly("http://y.io");
    vm.call(Operations.USER_COMPOSE_CREATOR_WITH_USERNAME, new ComposeCreatorWithUsernameRequest(1, "username_1"));

    assertThat(caller.seen).containsExactlyInAnyOrderElementsOf(
        Operations.ALL.stream().map(Operation::name).toList());
  }

  @Test
  void errorsOfTheTwinKeepTheirCode() {
    SocialNetwork vm = vm(new TwinCaller(Set.of("social-graph")));
    SocialFrontend frontend = new SocialFrontend(vm, vmStorage.media());
    assertThatThrownBy(() -> frontend.follow(5, 6)).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void operationNamesAreUniqueAndAllHaveHandlers() {
    SocialNetwork vm = vm(ServiceCaller.direct());
    assertThat(Operations.ALL.stream().map(Operation::name)).doesNotHaveDuplicates().hasSize(27);
    for (Operation<?, ?> op : Operations.ALL) {
      assertThat(vm.handler(op)).isNotNull();
    }
  }
}
