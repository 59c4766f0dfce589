package io.spillover.local;

import static io.spillover.local.Fixtures.invokeAction;
import static io.spillover.local.Fixtures.invokeLambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, time limits and idle reaping: the caller gets a typed error, the platform recovers. */
class LifecycleTest {
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("crash").build(), Fixtures.action("crash-ow").build(),
            Fixtures.lambda("slow").timeout(Duration.ofSeconds(2)).build(),
            Fixtures.lambda("idle").build())
        .maxConcurrency(6).idleTimeout(Duration.ofMillis(1500)).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @Test
  void aLambdaWorkerKilledMidRequestIsARuntimeExitErrorAndIsReplaced() throws Exception {
    Holds holds = new Holds(work, "crash");
    CompletableFuture<Fixtures.Reply> call =
        Holds.async(() -> invokeLambda(platform, "crash", holds.envelope()));
    holds.awaitStarted(1, platform);
    long pid = holds.started().get(0);

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    Fixtures.Reply r = call.get();

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.headers().get("X-Amz-Function-Error")).isEqualTo("Unhandled");
    assertThat(r.json().get("errorType").asString()).isEqualTo("Runtime.ExitError");
    assertThat(r.json().get("errorMessage").asString())
        .startsWith("RequestId: " + r.headers().get("x-amzn-RequestId"))
        .endsWith("Runtime exited with error: signal: killed");
    Fixtures.Reply next = invokeLambda(platform, "crash", Fixtures.echo("again"));
    assertThat(next.json().get("ok").asBoolean()).isTrue();
    assertThat(next.json().get("cold").asBoolean()).isTrue();
    assertThat(next.json().get("body").get("pid").asLong()).isNotEqualTo(pid);
  }

  @Test
  void anActionContainerKilledMidRequestIsADeveloperErrorAndIsReplaced() throws Exception {
    Holds holds = new Holds(work, "crash-ow");
    CompletableFuture<Fixtures.Reply> call =
        Holds.async(() -> invokeAction(platform, "crash-ow", holds.envelope(), 60_000));
    holds.awaitStarted(1, platform);
    long pid = holds.started().get(0);

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    Fixtures.Reply r = call.get();

    assertThat(r.code()).isEqualTo(502);
    assertThat(r.json().get("error").asString())
        .isEqualTo("The action did not produce a valid response and exited unexpectedly.");
    Fixtures.Reply next = invokeAction(platform, "crash-ow", Fixtures.echo("again"), 60_000);
    assertThat(next.code()).isEqualTo(200);
    assertThat(next.json().get("body").get("pid").asLong()).isNotEqualTo(pid);
  }

  @Test
  void aRequestPastTheTimeLimitIsSandboxTimedOutAndTheInstanceEnds() throws Exception {
    Holds holds = new Holds(work, "slow");
    // Warm the instance first: on a loaded machine a cold worker's first request can spend the
    // whole second loading classes before the hold starts, and then no pid is recorded.
    assertThat(invokeLambda(platform, "slow", Fixtures.echo("warm")).json().get("ok").asBoolean())
        .isTrue();

    Fixtures.Reply r = invokeLambda(platform, "slow", holds.envelope());

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.headers().get("X-Amz-Function-Error")).isEqualTo("Unhandled");
    assertThat(r.json().get("errorType").asString()).isEqualTo("Sandbox.Timedout");
    assertThat(r.json().get("errorMessage").asString())
        .endsWith("Task timed out after 2.00 seconds");
    assertThat(holds.started()).as("the hold ran before the limit").hasSize(1);
    long pid = holds.started().get(0);
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    assertThat(platform.stats().function("slow").instances()).isZero();
  }

  @Test
  void idleInstancesAreReaped() throws Exception {
    Fixtures.Reply r = invokeLambda(platform, "idle", Fixtures.echo("once"));
    long pid = r.json().get("body").get("pid").asLong();
    assertThat(ProcessHandle.of(pid)).isPresent();

    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> platform.stats().function("idle").instances() == 0);
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    Fixtures.Reply again = invokeLambda(platform, "idle", Fixtures.echo("twice"));
    assertThat(again.json().get("cold").asBoolean()).isTrue();
  }
}
