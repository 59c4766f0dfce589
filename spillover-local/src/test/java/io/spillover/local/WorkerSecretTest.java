package io.spillover.local;

import static io.spillover.local.Fixtures.echo;
import static io.spillover.local.Fixtures.invokeAction;
import static io.spillover.local.Fixtures.invokeLambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local process that finds a worker's port can neither take its invocations, answer them,
 * end the instance, nor run or re-initialize an action: each worker has a secret, in its
 * environment only, that the platform's Runtime API (and the action container) requires.
 */
class WorkerSecretTest {
  private static final String RUNTIME = "/2018-06-01/runtime/";
  private static final OkHttpClient ATTACKER = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(20)).build();
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/environ")), "needs /proc");
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("guarded").timeout(Duration.ofSeconds(10)).build(),
            Fixtures.action("guarded-ow").build())
        .maxConcurrency(4).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
      Fixtures.assertNoWorkersLeft();
    }
  }

  @Test
  void theRuntimeApiServesOnlyTheWorkerThatHoldsTheSecret() throws Exception {
    long pid = invokeLambda(platform, "guarded", echo("warm")).json().get("body").get("pid")
        .asLong();
    String address = environment(pid).get("AWS_LAMBDA_RUNTIME_API");
    String base = "http://" + address.split("/")[0]; // all that a port scan would find
    long refusedBefore = platform.stats().runtimeApiRefusals();

    // an attacker who found the port polls for an invocation, as a worker does, and answers it
    CompletableFuture<Fixtures.Reply> stolen = CompletableFuture.supplyAsync(() -> call(base
        + RUNTIME + "invocation/next", null));
    Thread.sleep(200); // on an open Runtime API the attacker now waits in line behind the worker
    Fixtures.Reply first = invokeLambda(platform, "guarded", echo("first"));
    CompletableFuture<Fixtures.Reply> secondCall =
        Holds.async(() -> invokeLambda(platform, "guarded", echo("private")));
    String stolenId = stolen.get().headers().get("Lambda-Runtime-Aws-Request-Id");
    Fixtures.Reply forged = call(base + RUNTIME + "invocation/"
        + (stolenId != null ? stolenId : java.util.UUID.randomUUID()) + "/response",
        "{\"forged\":true}");
    Fixtures.Reply second = secondCall.get();
    Fixtures.Reply guessed = call(base + "/" + "A".repeat(43) + RUNTIME + "invocation/next",
        null);
    Fixtures.Reply initError = call(base + RUNTIME + "init/error", "{\"errorMessage\":\"x\"}");
    Fixtures.Reply after = invokeLambda(platform, "guarded", echo("after"));

    assertThat(stolen.get().code()).isEqualTo(403);
    assertThat(stolen.get().text()).doesNotContain("private");
    assertThat(forged.code()).isEqualTo(403);
    assertThat(first.json().get("body").get("text").asString()).isEqualTo("first");
    assertThat(second.json().get("body").get("text").asString()).isEqualTo("private");
    assertThat(guessed.code()).isEqualTo(403);
    assertThat(initError.code()).isEqualTo(403);
    assertThat(after.json().get("body").get("pid").asLong()).as("the instance lives on")
        .isEqualTo(pid);
    assertThat(platform.stats().runtimeApiRefusals() - refusedBefore).isEqualTo(4);
    assertThat(address).matches("127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{43}");
    String secret = address.substring(address.indexOf('/') + 1);
    assertThat(commandLine(pid)).doesNotContain(secret);
    assertThat(logs()).doesNotContain(secret);
  }

  @Test
  void anActionContainerServesOnlyThePlatform() throws Exception {
    long pid = invokeAction(platform, "guarded-ow", echo("warm"), 60_000).json().get("body")
        .get("pid").asLong();
    String base = "http://127.0.0.1:" + Files.readString(work.resolve("instances")
        .resolve("guarded-ow-1").resolve("port")).trim();
    String run = "{\"value\":" + new String(echo("injected"), StandardCharsets.UTF_8) + "}";

    Fixtures.Reply anonymous = call(base + "/run", run);
    Fixtures.Reply wrongKey = call(base + "/run", run, "Authorization", "Bearer " + "A".repeat(43));
    Fixtures.Reply reinit = call(base + "/init",
        "{\"value\":{\"main\":\"io.spillover.local.testfn.TestAction\"}}");
    Fixtures.Reply genuine = invokeAction(platform, "guarded-ow", echo("genuine"), 60_000);

    assertThat(anonymous.code()).isEqualTo(403);
    assertThat(anonymous.text()).doesNotContain("injected");
    assertThat(wrongKey.code()).isEqualTo(403);
    assertThat(reinit.code()).isEqualTo(403);
    assertThat(genuine.json().get("body").get("text").asString()).isEqualTo("genuine");
    assertThat(genuine.json().get("body").get("pid").asLong()).isEqualTo(pid);
    String secret = environment(pid).get("SPILLOVER_ACTION_SECRET");
    assertThat(secret).matches("[A-Za-z0-9_-]{43}");
    assertThat(commandLine(pid)).doesNotContain(secret);
  }

  /** An attacker's request; a connection that fails is reply -1 with the error as its body. */
  private static Fixtures.Reply call(String url, String postBody, String... headers) {
    Request.Builder b = new Request.Builder().url(url);
    if (postBody != null) {
      b.post(RequestBody.create(postBody, Fixtures.JSON_TYPE));
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try (Response r = ATTACKER.newCall(b.build()).execute()) {
      return new Fixtures.Reply(r.code(), r.headers(), r.body().bytes());
    } catch (IOException e) {
      return new Fixtures.Reply(-1, okhttp3.Headers.of(),
          e.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> environment(long pid) throws IOException {
    String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")),
        StandardCharsets.UTF_8);
    return Arrays.stream(raw.split("\0")).filter(e -> e.indexOf('=') > 0)
        .collect(Collectors.toMap(e -> e.substring(0, e.indexOf('=')),
            e -> e.substring(e.indexOf('=') + 1), (a, b) -> b));
  }

  private static String commandLine(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")),
        StandardCharsets.UTF_8).replace('\0', ' ');
  }

  private static String logs() throws IOException {
    try (Stream<Path> files = Files.walk(work.resolve("logs"))) {
      StringBuilder sb = new StringBuilder();
      for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        sb.append(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
      return sb.toString();
    }
  }
}
