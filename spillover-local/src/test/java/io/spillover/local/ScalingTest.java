package io.spillover.local;

import static io.spillover.local.Fixtures.invokeAction;
import static io.spillover.local.Fixtures.invokeLambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scale-out from zero, throttling exactly at the per-function and the total cap. */
class ScalingTest {
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("scale").build(), Fixtures.action("scale-ow").build())
        .maxConcurrency(3).perFunctionConcurrency(2).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @Test
  void scalesOutThenThrottlesAtTheFunctionCapAndTheTotalCap() throws Exception {
    Holds holds = new Holds(work, "caps");
    List<CompletableFuture<Fixtures.Reply>> lambdaHolds = List.of(
        Holds.async(() -> invokeLambda(platform, "scale", holds.envelope())),
        Holds.async(() -> invokeLambda(platform, "scale", holds.envelope())));
    holds.awaitStarted(2, platform);

    Fixtures.Reply overFunctionCap = invokeLambda(platform, "scale", Fixtures.echo("x"));

    assertThat(overFunctionCap.code()).isEqualTo(429);
    assertThat(overFunctionCap.headers().get("x-amzn-ErrorType"))
        .isEqualTo("TooManyRequestsException");
    assertThat(overFunctionCap.json().get("Type").asString()).isEqualTo("User");
    assertThat(overFunctionCap.json().get("message").asString()).isEqualTo("Rate Exceeded.");
    assertThat(overFunctionCap.json().get("Reason").asString())
        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");

    CompletableFuture<Fixtures.Reply> actionHold =
        Holds.async(() -> invokeAction(platform, "scale-ow", holds.envelope(), 60_000));
    holds.awaitStarted(3, platform);

    Fixtures.Reply overTotalCap = invokeAction(platform, "scale-ow", Fixtures.echo("y"), 60_000);

    assertThat(overTotalCap.code()).isEqualTo(429);
    assertThat(overTotalCap.json().get("error").asString())
        .isEqualTo("Too many concurrent requests in flight (count: 3, allowed: 3).");
    assertThat(platform.stats().inFlight()).isEqualTo(3);
    assertThat(platform.stats().instances()).isEqualTo(3);

    holds.release();
    List<Long> lambdaPids = lambdaHolds.stream().map(CompletableFuture::join)
        .peek(r -> assertThat(r.code()).isEqualTo(200))
        .map(r -> r.json().get("body").get("pid").asLong()).distinct().toList();
    assertThat(lambdaPids).as("one request per Lambda instance: two instances").hasSize(2);
    assertThat(actionHold.join().json().get("body").get("text").asString()).isEqualTo("released");
    PlatformStats stats = platform.stats();
    assertThat(stats.throttles()).isEqualTo(2);
    assertThat(stats.function("scale").coldStarts()).isEqualTo(2);
    assertThat(stats.inFlight()).isZero();

    Fixtures.Reply afterwards = invokeLambda(platform, "scale", Fixtures.echo("warm"));
    assertThat(afterwards.json().get("cold").asBoolean()).isFalse();
    assertThat(lambdaPids).contains(afterwards.json().get("body").get("pid").asLong());
  }
}
