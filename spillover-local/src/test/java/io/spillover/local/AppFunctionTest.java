package io.spillover.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The {@code app} kind with a real tiny app in worker JVMs: both entry paths and the limits. */
class AppFunctionTest {
  @TempDir Path work;
  LocalPlatform platform;

  @AfterEach
  void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  private void start(int concurrency, Duration idle) {
    platform = LocalPlatform.builder().functions(FunctionSpec.app("twin",
        "io.spillover.local.testfn.TinyHttpApp").concurrency(concurrency)
        .timeout(Duration.ofSeconds(4)).build())
        .maxConcurrency(2).idleTimeout(idle).workDir(work).build().start();
  }

  private String http(String path) {
    return platform.endpoint() + "/http/twin" + path;
  }

  @Test
  void theSameTwinAnswersPlainHttpAndLambdaInvokeColdThenWarm() throws Exception {
    start(4, Duration.ofMinutes(5));

    Fixtures.Reply first = Fixtures.post(http("/echo?a=1&b=x%20y"), "{\"n\":1}".getBytes(
        StandardCharsets.UTF_8), "X-Spillover-Id", "req-1", "traceparent", "00-abc-def-01");
    String event = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/echo\","
        + "\"rawQueryString\":\"q=2\",\"headers\":{\"content-type\":\"application/json\"},"
        + "\"requestContext\":{\"http\":{\"method\":\"PUT\",\"path\":\"/echo\"},"
        + "\"requestId\":\"r2\",\"timeEpoch\":1},\"body\":\"e30=\",\"isBase64Encoded\":true}";
    Fixtures.Reply second = Fixtures.invokeLambda(platform, "twin",
        event.getBytes(StandardCharsets.UTF_8));
    Fixtures.Reply missing = Fixtures.get(http("/missing"));

    assertThat(first.code()).isEqualTo(200);
    assertThat(first.text()).isEqualTo("POST /echo?a=1&b=x%20y id=req-1 trace=00-abc-def-01"
        + " body={\"n\":1}");
    assertThat(first.headers().get("X-App")).isEqualTo("tiny");
    assertThat(first.headers().get("X-Spillover-Cold")).isEqualTo("true");
    assertThat(second.code()).isEqualTo(200);
    JsonNode reply = second.json();
    assertThat(reply.get("statusCode").asInt()).isEqualTo(200);
    assertThat(reply.get("headers").get("x-app").asString()).isEqualTo("tiny");
    assertThat(reply.get("body").asString()).startsWith("PUT /echo?q=2 id=").endsWith("body={}");
    assertThat(missing.code()).as("the app's own status passes through").isEqualTo(404);
    assertThat(missing.headers().get("X-Spillover-Cold")).isEqualTo("false");
    assertThat(platform.stats().coldStarts()).isEqualTo(1);
    assertThat(platform.stats().invocations()).isEqualTo(3);
  }

  @Test
  void pastTheCapIs429MarkedAsAPlatformThrottle() throws Exception {
    start(2, Duration.ofMinutes(5));
    assertThat(Fixtures.get(http("/")).code()).isEqualTo(200); // warm
    CompletableFuture<Fixtures.Reply> a = Holds.async(() -> Fixtures.get(http("/sleep?ms=3000")));
    CompletableFuture<Fixtures.Reply> b = Holds.async(() -> Fixtures.get(http("/sleep?ms=3000")));
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> platform.stats().inFlight() == 2);

    Fixtures.Reply throttled = Fixtures.get(http("/echo"));

    assertThat(throttled.code()).isEqualTo(429);
    assertThat(throttled.headers().get("X-Spillover-Throttled")).isEqualTo("true");
    assertThat(a.get().code()).isEqualTo(200);
    assertThat(b.get().code()).isEqualTo(200);
    assertThat(platform.stats().throttles()).isEqualTo(1);
  }

  @Test
  void anInstanceThatDiesMidRequestIsA502PlatformErrorAndOnePastItsTimeLimitA504AndIdleOnesAreReaped() throws Exception {
    start(2, Duration.ofMillis(1500));

    Fixtures.Reply crashed = Fixtures.get(http("/exit"));
    Fixtures.Reply after = Fixtures.get(http("/echo"));
    Fixtures.Reply late = Fixtures.get(http("/sleep?ms=20000"));

    assertThat(crashed.code()).isEqualTo(502);
    assertThat(crashed.headers().get("X-Spillover-Platform-Error")).isEqualTo("Runtime.ExitError");
    assertThat(after.code()).as("a fresh instance serves the next request").isEqualTo(200);
    assertThat(late.code()).as("past the time limit").isEqualTo(504);
    assertThat(late.headers().get("X-Spillover-Platform-Error")).isEqualTo("Sandbox.Timedout");
    assertThat(platform.stats().coldStarts()).isEqualTo(2);
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> platform.stats().instances() == 0);
    Fixtures.assertNoWorkersLeft();
  }
}
