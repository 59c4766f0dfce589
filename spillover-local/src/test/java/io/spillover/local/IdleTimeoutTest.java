package io.spillover.local;

import static io.spillover.local.Fixtures.echo;
import static io.spillover.local.Fixtures.invokeLambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection idle timeout cuts stalled reads and writes only: a worker's long poll on the
 * Runtime API, a function that runs longer than the timeout, and the caller waiting for it all
 * outlive it, with the Runtime Interface Client and with the builtin runtime.
 */
class IdleTimeoutTest {
  private static final Duration IDLE = Duration.ofMillis(500);
  @TempDir Path work;
  LocalPlatform platform;

  /**
   * The first connection a JVM's server takes loads Jetty's connection classes, which on a busy
   * machine can outlast this test's short idle timeout: do that once with the default timeout.
   */
  @BeforeAll
  static void loadTheServerClasses(@TempDir Path warmUp) throws Exception {
    try (LocalPlatform p = LocalPlatform.builder().functions(Fixtures.lambda("unused").build())
        .workDir(warmUp).build().start()) {
      assertThat(Fixtures.get(p.endpoint() + "/status").code()).isEqualTo(200);
    }
  }

  @AfterEach
  void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @ParameterizedTest
  @EnumSource(value = LambdaRuntime.class, names = {"AUTO", "BUILTIN"})
  void longPollsAndLongRunsOutliveTheIdleTimeout(LambdaRuntime runtime) throws Exception {
    platform = LocalPlatform.builder().functions(Fixtures.lambda("patient").build())
        .lambdaRuntime(runtime).connectionIdleTimeout(IDLE).workDir(work).build().start();
    long pid = invokeLambda(platform, "patient", echo("cold")).json().get("body").get("pid")
        .asLong();

    Thread.sleep(3 * IDLE.toMillis()); // the worker waits in its long poll meanwhile
    Fixtures.Reply warm = invokeLambda(platform, "patient", echo("warm"));
    Holds holds = new Holds(work, "long-run");
    CompletableFuture<Fixtures.Reply> longRun =
        Holds.async(() -> invokeLambda(platform, "patient", holds.envelope()));
    holds.awaitStarted(1, platform);
    Thread.sleep(3 * IDLE.toMillis()); // the function runs; caller and worker connections idle
    holds.release();

    assertThat(warm.json().get("cold").asBoolean()).isFalse();
    assertThat(warm.json().get("body").get("pid").asLong()).isEqualTo(pid);
    Fixtures.Reply done = longRun.get();
    assertThat(done.code()).isEqualTo(200);
    assertThat(done.headers().get("X-Amz-Function-Error")).isNull();
    assertThat(done.json().get("body").get("text").asString()).isEqualTo("released");
    assertThat(done.json().get("body").get("pid").asLong()).isEqualTo(pid);
    assertThat(platform.stats().function("patient").coldStarts()).isEqualTo(1);
  }
}
