package io.spillover.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spillover local --functions <dir>} from the shaded CLI jar: the platform starts worker
 * JVMs (Lambda on the Runtime Interface Client, an OpenWhisk action) whose runtime code comes from
 * the shaded jar, answers on loopback, and leaves no worker behind when it is stopped.
 */
class LocalFromShadedJarIT {
  private static final Pattern ENDPOINT = Pattern.compile("platform on (http://127\\.0\\.0\\.1:\\d+)");
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(60)).readTimeout(Duration.ofSeconds(60)).build();
  @TempDir Path work;

  @Test
  void servesFunctionsFromTheShadedJarAndLeavesNoWorker() throws Exception {
    String jarProperty = System.getProperty("spillover.cli.jar");
    assertThat(jarProperty).as("system property spillover.cli.jar (set by failsafe)").isNotNull();
    Path jar = Path.of(jarProperty);
    assertThat(jar).as("the shaded CLI jar; run `mvn verify`, which packages it first").exists();
    Path twin = twinDirectory();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process platform = new ProcessBuilder(java, "-jar", jar.toString(), "local", "--functions",
        twin.toString(), "--work-dir", work.resolve("platform").toString())
        .redirectErrorStream(true).start();
    try {
      String endpoint = readEndpoint(platform);
      String lambda = invoke(new Request.Builder().url(endpoint
          + "/2015-03-31/functions/upper/invocations").header("Authorization",
          "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/lambda/aws4_request"), "lambda");
      String action = invoke(new Request.Builder().url(endpoint
          + "/api/v1/namespaces/_/actions/upper-ow?blocking=true&result=true")
          .header("Authorization", Credentials.basic("uuid", "key")), "action");
      assertThat(lambda).contains("\"ok\":true").contains("\"body\":\"LAMBDA@")
          .contains("\"cold\":true");
      assertThat(action).contains("\"ok\":true").contains("\"body\":\"ACTION@");
      List<ProcessHandle> workers = platform.descendants().toList();
      assertThat(workers).as("two worker JVMs").hasSize(2);

      platform.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook ends every worker
      assertThat(platform.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(workers).as("workers left behind").noneMatch(ProcessHandle::isAlive));
    } finally {
      platform.descendants().forEach(ProcessHandle::destroyForcibly);
      platform.destroyForcibly();
    }
  }

  /** A function directory as a user writes it: classes, and spillover-functions.json at its root. */
  private Path twinDirectory() throws IOException {
    Path dir = Files.createDirectories(work.resolve("twin"));
    Path classes = Path.of(EchoApp.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath());
    Path pkg = Path.of("io", "spillover", "cli", "it");
    Files.createDirectories(dir.resolve(pkg));
    try (var files = Files.list(classes.resolve(pkg))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("EchoApp"))
          .toList()) {
        Files.copy(f, dir.resolve(pkg).resolve(f.getFileName()));
      }
    }
    Files.writeString(dir.resolve("spillover-functions.json"), "{\"functions\": ["
        + "{\"name\": \"upper\", \"kind\": \"lambda\", \"handler\": \"io.spillover.cli.it.EchoApp$Handler\"},"
        + "{\"name\": \"upper-ow\", \"kind\": \"openwhisk\", \"handler\": \"io.spillover.cli.it.EchoApp$Action\"}"
        + "]}");
    return dir;
  }

  private static String readEndpoint(Process p) throws Exception {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          synchronized (seen) {
            seen.append(line).append('\n');
          }
          Matcher m = ENDPOINT.matcher(line);
          if (m.find()) {
            endpoint.complete(m.group(1));
          }
        }
        endpoint.completeExceptionally(new AssertionError("the platform exited:\n" + seen));
      } catch (IOException e) {
        endpoint.completeExceptionally(e);
      }
    }, "platform-output");
    reader.setDaemon(true); // keeps draining the output so the platform never blocks on it
    reader.start();
    return endpoint.get(60, TimeUnit.SECONDS);
  }

  private static String invoke(Request.Builder request, String text) throws IOException {
    String envelope = "{\"v\":2,\"id\":\"" + UUID.randomUUID() + "\",\"svc\":\"upper\","
        + "\"deadline\":" + (System.currentTimeMillis() + 60_000) + ",\"body\":\"" + text + "\"}";
    try (Response r = HTTP.newCall(request.post(RequestBody.create(envelope,
        MediaType.get("application/json"))).build()).execute()) {
      String body = r.body().string();
      assertThat(r.code()).as(body).isEqualTo(200);
      return body;
    }
  }
}
