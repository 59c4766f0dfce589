package io.spillover.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.cli.Cli;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandTest {
  private static final Pattern ENDPOINT = Pattern.compile("platform on (http://127\\.0\\.0\\.1:\\d+)");
  private static final String HANDLER = "io.spillover.cli.it.EchoApp$Handler";
  private static final String ACTION = "io.spillover.cli.it.EchoApp$Action";
  private static final String CLASSPATH = System.getProperty("java.class.path");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path work;

  @AfterEach
  void noWorkerIsLeft() {
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker JVMs left behind").isEmpty());
  }

  @Test
  void servesTheFunctionsOfADescriptorUntilStoppedThenPrintsTheCostReport() throws Exception {
    Path dir = Files.createDirectories(work.resolve("functions"));
    String classpath = "[\"" + String.join("\",\"", CLASSPATH.split(File.pathSeparator)) + "\"]";
    Files.writeString(dir.resolve("spillover-functions.json"), "{\"functions\":["
        + "{\"name\":\"upper\",\"kind\":\"lambda\",\"handler\":\"" + HANDLER + "\","
        + "\"memoryMb\":192,\"classpath\":" + classpath + "},"
        + "{\"name\":\"upper-ow\",\"kind\":\"openwhisk\",\"handler\":\"" + ACTION + "\","
        + "\"concurrency\":2,\"classpath\":" + classpath + "}]}");

    try (Cli.Running local = Cli.start("local", "--functions", dir.toString(),
        "--max-concurrency", "2", "--idle-timeout", "30s", "--work-dir",
        work.resolve("run").toString())) {
      String banner = local.awaitOut("Ctrl-C stops the platform");
      String endpoint = endpoint(banner);
      assertThat(banner).contains(endpoint + "/2015-03-31/functions/upper/invocations")
          .contains(endpoint + "/api/v1/namespaces/_/actions/upper-ow")
          .contains(endpoint + "/http/upper").contains("endpoint override")
          .contains(HANDLER + ", 192 MB").contains(ACTION + ", 256 MB");
      assertThat(invoke(endpoint + "/http/upper", "hi")).contains("HI@");
      try (Stream<Path> logs = Files.list(work.resolve("run/logs/upper"))) {
        assertThat(logs).as("one log file per instance").hasSize(1);
      }

      assertThat(local.stop()).isZero();
      assertThat(local.out()).contains("Stopped; every worker ended. Cost report:");
    }
  }

  @Test
  void namedFunctionsRunFromTheGivenClasspathWithTheGivenMemory() throws Exception {
    try (Cli.Running local = Cli.start("local", "--lambda", "up=" + HANDLER, "--classpath",
        CLASSPATH, "--memory", "128", "--lambda-runtime", "builtin", "--work-dir",
        work.resolve("run").toString())) {
      String banner = local.awaitOut("Ctrl-C stops the platform");
      assertThat(banner).contains("up ").contains(HANDLER + ", 128 MB");

      assertThat(invoke(endpoint(banner) + "/http/up", "named")).contains("NAMED@");
      assertThat(local.stop()).isZero();
    }
  }

  @Test
  void badArgumentsAreUsageErrorsWithTheUsage() {
    assertUsageError(Cli.run("local", "--port"), "Missing required parameter for option '--port'");
    assertUsageError(Cli.run("local"), "no functions: give --functions, --lambda or --action");
    assertUsageError(Cli.run("local", "--functions", work.toString()),
        "has no spillover-functions.json at its root");
    assertUsageError(Cli.run("local", "--functions", work.resolve("missing").toString()),
        "does not exist");
    assertUsageError(Cli.run("local", "--lambda", "x=a.B", "--idle-timeout", "soon"),
        "not a duration: 'soon'");
    assertUsageError(Cli.run("local", "--lambda", "x"), "expected NAME=CLASS, was 'x'");
    assertUsageError(Cli.run("local", "--lambda", "x=a.B", "--lambda-runtime", "docker"),
        "--lambda-runtime");
    assertUsageError(Cli.run("local", "--lambda", "x=a.B", "--max-concurrency", "0"),
        "maxConcurrency must be >= 1");
  }

  @Test
  void aPortInUseIsAFailureToStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result r = Cli.run("local", "--lambda", "x=a.B", "--port",
          String.valueOf(taken.getLocalPort()), "--work-dir", work.toString());

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("spillover local: cannot start the local platform")
          .contains("Address already in use").doesNotContain("Usage:");
    }
  }

  private static void assertUsageError(Cli.Result r, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message).contains("Usage: spillover local");
    assertThat(r.out()).isEmpty();
  }

  private static String endpoint(String banner) {
    Matcher m = ENDPOINT.matcher(banner);
    assertThat(m.find()).as(banner).isTrue();
    return m.group(1);
  }

  private static String invoke(String url, String text) throws Exception {
    String envelope = "{\"v\":2,\"id\":\"" + UUID.randomUUID() + "\",\"svc\":\"upper\","
        + "\"deadline\":" + (System.currentTimeMillis() + 60_000) + ",\"body\":\"" + text + "\"}";
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(envelope))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
