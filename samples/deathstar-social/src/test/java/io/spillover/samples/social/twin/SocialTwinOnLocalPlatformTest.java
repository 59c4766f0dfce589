package io.spillover.samples.social.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.openwhisk.OpenWhiskProvider;
import io.spillover.samples.social.Operations;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.samples.social.frontend.SocialFrontend;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.service.ComposePostService.ComposePostRequest;
import io.spillover.samples.social.service.HomeTimelineService.ReadHomeTimelineRequest;
import io.spillover.samples.social.service.HomeTimelineService.ReadHomeTimelineResponse;
import io.spillover.samples.social.spill.ServiceCall;
import io.spillover.samples.social.spill.ServiceReply;
import io.spillover.samples.social.storage.InMemoryStorage;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.storage.http.StorageHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The socialNetwork's function twins (Lambda handler and OpenWhisk action) in worker JVMs on the
 * local platform: a logic-service call that finds its VM pool full spills to the twin, which
 * reads the VM's storage tier over HTTP and answers what the VM would have answered.
 */
class SocialTwinOnLocalPlatformTest {
  @TempDir static Path work;
  static Storage storage;
  static StorageHttpServer storageServer;
  static LocalPlatform platform;
  static SocialNetwork vm;

  @BeforeAll
  static void start() {
    storage = InMemoryStorage.create();
    vm = SocialNetwork.builder().storage(storage).machineId(1).build();
    SocialFrontend front = new SocialFrontend(vm, storage.media());
    for (int u = 0; u < 3; u++) {
      front.registerUser("first" + u, "last" + u, "user_" + u, "pw", u);
    }
    front.follow(1, 0);
    front.follow(2, 0);
    vm.call(Operations.COMPOSE_POST, new ComposePostRequest(1, "user_0", 0,
        "hello @user_1 see http://example.com/a", List.of(), List.of(), PostType.POST));
    storageServer = StorageHttpServer.start(storage, 0, 4);
    String storageUrl = storageServer.baseUri().toString();
    platform = LocalPlatform.builder()
        .functions(
            FunctionSpec.lambda("social-l", SocialTwinHandler.class.getName())
                .environment(SocialTwin.STORAGE_URL_ENV, storageUrl).build(),
            FunctionSpec.openWhisk("social-ow", SocialTwinAction.class.getName())
                .environment(SocialTwin.STORAGE_URL_ENV, storageUrl).build())
        .perFunctionConcurrency(1).maxConcurrency(2).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    try {
      platform.close();
    } finally {
      storageServer.close();
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker processes left behind").isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"lambda,social-l", "openwhisk,social-ow"})
  void aSpilledServiceCallIsAnsweredByTheTwinAsTheVmWould(String provider, String target)
      throws Exception {
    String endpoint = platform.endpoint().toString();
    try (SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(LambdaProvider.builder().region("us-east-1").endpointOverride(endpoint)
            .credentials("local", "local").build())
        .provider(OpenWhiskProvider.builder().apiHost(endpoint).apiKey("local:key").build())
        .build()) {
      Spillway<ServiceCall, ServiceReply> home = registry.spillway("home-timeline",
          SpillwayConfig.custom().limit(Limits.fixed(1)).function(FunctionRef.of(provider, target))
              .timeout(Duration.ofSeconds(60)).build(), ServiceCall.class, ServiceReply.class);
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<ServiceReply> holder = CompletableFuture.supplyAsync(() ->
          home.call(new ServiceCall("hold", "x"), c -> {
            held.countDown();
            awaitQuietly(release);
            return new ServiceReply("held");
          }));
      held.await();
      Function<ServiceCall, ServiceReply> neverLocal = c -> {
        throw new AssertionError("ran on the VM: " + c.method());
      };
      try {
        ReadHomeTimelineRequest read = new ReadHomeTimelineRequest(7, 1, 0, 10);
        ReadHomeTimelineResponse expected = vm.call(Operations.HOME_TIMELINE_READ, read);
        assertThat(expected.posts()).hasSize(1);

        ServiceReply reply = home.call(
            new ServiceCall(Operations.HOME_TIMELINE_READ.method(), read), neverLocal);
        assertThat(reply.response(ReadHomeTimelineResponse.class)).isEqualTo(expected);

        assertThatThrownBy(() -> home.call(new ServiceCall("no-such-method", read), neverLocal))
            .hasStackTraceContaining(FunctionErrorException.class.getSimpleName())
            .hasStackTraceContaining("has no method no-such-method");
      } finally {
        release.countDown();
        holder.get();
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
