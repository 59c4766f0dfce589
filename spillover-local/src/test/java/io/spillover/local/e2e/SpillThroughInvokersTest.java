package io.spillover.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.CallOptions;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.http.HttpFunctionProvider;
import io.spillover.limit.Limits;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.local.e2e.DigestApp.Digest;
import io.spillover.local.e2e.DigestApp.DigestRequest;
import io.spillover.openwhisk.OpenWhiskProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spillway spills through the real Lambda, OpenWhisk and HTTP invokers to its function twin in a
 * worker JVM of the local platform and back: results, routes, cold and warm starts, and the
 * platform's throttling at its cap turned into a local fallback or {@code SPILL_FAILED}.
 */
class SpillThroughInvokersTest {
  private static final String ACTION = "io.spillover.openwhisk.SpilloverAction";
  private static final long PID = ProcessHandle.current().pid();
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(
            FunctionSpec.lambda("twin-l", DigestLambdaHandler.class.getName()).build(),
            FunctionSpec.openWhisk("twin-ow", ACTION).build(),
            // an action behind /http: the platform unwraps the action's {"envelope": ...}
            FunctionSpec.openWhisk("twin-h", ACTION).build())
        .perFunctionConcurrency(1).maxConcurrency(4).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker processes left behind").isEmpty());
  }

  static SpilloverRegistry registry() {
    String endpoint = platform.endpoint().toString();
    return SpilloverRegistry.builder()
        .provider(LambdaProvider.builder().region("us-east-1").endpointOverride(endpoint)
            .credentials("AKIDLOCALPLATFORM", "local-secret").build())
        .provider(OpenWhiskProvider.builder().apiHost(endpoint)
            .apiKey("local-uuid:local-key").build())
        .provider(HttpFunctionProvider.builder().baseUrl("local", endpoint + "/http").build())
        .build();
  }

  @ParameterizedTest(name = "{0}:{1}")
  @CsvSource({"lambda,twin-l,twin-l", "openwhisk,twin-ow,twin-ow", "http,local/twin-h,twin-h"})
  void spillsToTheTwinAndFallsBackWhenThePlatformThrottles(String provider, String target,
      String function, @TempDir Path holdDir) throws Exception {
    try (SpilloverRegistry registry = registry()) {
      Spillway<DigestRequest, Digest> digest = registry.spillway("digest", SpillwayConfig.custom()
              .limit(Limits.fixed(1)).function(FunctionRef.of(provider, target))
              .timeout(Duration.ofSeconds(60)).retry(2, Duration.ofMillis(20)).build(),
          DigestRequest.class, Digest.class);
      Function<DigestRequest, Digest> neverLocal = r -> {
        throw new AssertionError("ran locally: " + r);
      };
      CountDownLatch localRunning = new CountDownLatch(1);
      CountDownLatch releaseLocal = new CountDownLatch(1);
      CompletableFuture<Digest> heldLocal = CompletableFuture.supplyAsync(() ->
          digest.call(DigestRequest.of("held"), r -> {
            localRunning.countDown();
            await(releaseLocal);
            return DigestApp.digest(r);
          }));
      localRunning.await();

      Digest cold = digest.call(DigestRequest.of("hello"), neverLocal);
      assertThat(cold.sha256()).isEqualTo(DigestApp.sha256("hello"));
      assertThat(cold.pid()).as("computed in a worker JVM").isNotEqualTo(PID);
      assertThat(digest.metrics().coldStarts()).isEqualTo(1);
      Digest warm = digest.call(DigestRequest.of("world"), neverLocal);
      assertThat(warm.sha256()).isEqualTo(DigestApp.sha256("world"));
      assertThat(warm.pid()).as("the warm instance again").isEqualTo(cold.pid());
      assertThat(digest.metrics().coldStarts()).isEqualTo(1);

      // a spilled call held in the twin fills the platform's per-function cap of 1
      CompletableFuture<Digest> heldInTwin = CompletableFuture.supplyAsync(() ->
          digest.call(new DigestRequest("in the twin", holdDir.toString()), neverLocal));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          Files.exists(holdDir.resolve("started-" + cold.pid())));

      assertThatThrownBy(() -> digest.call(DigestRequest.of("over the cap"),
          CallOptions.builder().timeout(Duration.ofSeconds(2)).build(), neverLocal))
          .isInstanceOfSatisfying(SpillRejectedException.class, e ->
              assertThat(e.reason()).isEqualTo(SpillRejectedException.Reason.SPILL_FAILED))
          .hasCauseInstanceOf(FunctionThrottledException.class);

      CompletableFuture<Digest> fallback = CompletableFuture.supplyAsync(() ->
          digest.call(DigestRequest.of("fallback"), DigestApp::digest));
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> digest.metrics().waiting() == 1);
      releaseLocal.countDown();
      assertThat(fallback.get().pid()).as("ran on the freed local permit").isEqualTo(PID);
      assertThat(fallback.get().sha256()).isEqualTo(DigestApp.sha256("fallback"));
      assertThat(heldLocal.get().pid()).isEqualTo(PID);

      Files.writeString(holdDir.resolve("release"), "");
      assertThat(heldInTwin.get().pid()).isEqualTo(cold.pid());
      assertThat(heldInTwin.get().sha256()).isEqualTo(DigestApp.sha256("in the twin"));

      assertThat(digest.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isEqualTo(3);
      assertThat(digest.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(2);
      // the throttle taught the spill limit that the platform has room for one: the next excess
      // call waited for a local permit without knocking at the full platform
      assertThat(digest.metrics().fallbacks()).isZero();
      assertThat(digest.metrics().rejections(SpillRejectedException.Reason.SPILL_FAILED))
          .isEqualTo(1);
      assertThat(digest.metrics().coldStarts()).isEqualTo(1);
      // a throttle is back-pressure: one attempt, not retried into the full platform
      assertThat(platform.stats().function(function).throttles()).isEqualTo(1);
      assertThat(digest.metrics().throttledSpills()).isEqualTo(1);
      assertThat(digest.metrics().breakerState()).isEqualTo("CLOSED");
      assertThat(platform.stats().function(function).coldStarts()).isEqualTo(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
