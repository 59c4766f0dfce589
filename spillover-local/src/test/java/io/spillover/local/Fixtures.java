package io.spillover.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** What the platform tests share: envelopes, an HTTP client as the invokers use, process checks. */
final class Fixtures {
  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(90)).callTimeout(Duration.ofSeconds(90)).build();
  // what a SigV4-signed Invoke carries; the platform accepts it unverified
  static final String SIGV4 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/lambda/"
      + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);

  private Fixtures() {}

  static byte[] envelope(String service, String bodyJson) {
    return ("{\"v\":2,\"id\":\"" + UUID.randomUUID() + "\",\"svc\":\"" + service
        + "\",\"deadline\":" + (System.currentTimeMillis() + 120_000) + ",\"body\":" + bodyJson
        + "}").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] echo(String text) {
    return envelope("echo", "{\"text\":\"" + text + "\",\"pid\":0}");
  }

  static byte[] hold(java.nio.file.Path dir) {
    return envelope("hold", "{\"dir\":" + JSON.writeValueAsString(dir.toString()) + "}");
  }

  /** A reply as the invokers see it. */
  record Reply(int code, okhttp3.Headers headers, byte[] body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Reply post(String url, byte[] body, String... headers) throws IOException {
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try (Response r = HTTP.newCall(b.build()).execute()) {
      return new Reply(r.code(), r.headers(), r.body().bytes());
    }
  }

  static Reply get(String url) throws IOException {
    try (Response r = HTTP.newCall(new Request.Builder().url(url).get().build()).execute()) {
      return new Reply(r.code(), r.headers(), r.body().bytes());
    }
  }

  /** Lambda Invoke, as the Lambda invoker sends it (signed, qualified). */
  static Reply invokeLambda(LocalPlatform p, String function, byte[] payload) throws IOException {
    return post(p.endpoint() + "/2015-03-31/functions/" + function
        + "/invocations?Qualifier=%24LATEST", payload, "Authorization", SIGV4,
        "X-Amz-Date", "20260101T000000Z", "X-Amz-Invocation-Type", "RequestResponse");
  }

  /** OpenWhisk blocking invoke with result, as the OpenWhisk invoker sends it. */
  static Reply invokeAction(LocalPlatform p, String action, byte[] params, long waitMillis)
      throws IOException {
    return post(p.endpoint() + "/api/v1/namespaces/_/actions/" + action
        + "?blocking=true&result=true&timeout=" + waitMillis, params, "Authorization",
        okhttp3.Credentials.basic("local-uuid", "local-key"));
  }

  /** A raw connection to the platform's front port that sends {@code text} and stays open. */
  static java.net.Socket rawSend(LocalPlatform p, String text) throws IOException {
    java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
        p.endpoint().getPort());
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  /** Live threads of this JVM whose name starts with {@code prefix}. */
  static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
  }

  /** The worker JVMs this test JVM started and that are still alive. */
  static List<ProcessHandle> workers() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .collect(Collectors.toList());
  }

  static void assertNoWorkersLeft() {
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(workers()).as("worker processes left behind").isEmpty());
  }

  static FunctionSpec.Builder lambda(String name) {
    return FunctionSpec.lambda(name, "io.spillover.local.testfn.TestLambdaHandler");
  }

  static FunctionSpec.Builder action(String name) {
    return FunctionSpec.openWhisk(name, "io.spillover.local.testfn.TestAction");
  }
}
