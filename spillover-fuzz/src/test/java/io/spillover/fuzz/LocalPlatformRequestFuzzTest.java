package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;

/**
 * The local platform's HTTP endpoints (the Lambda Invoke API, the OpenWhisk REST API, plain HTTP
 * functions, {@code /status}, any other path), sent raw over loopback to a platform
 * on 127.0.0.1 with one Lambda function and one OpenWhisk action that echo their input. Every
 * request gets an HTTP answer, never a 500: the platform's "internal error" for an exception no
 * check typed.
 *
 * <p>Input: the first byte picks the endpoint; the rest is split at the first two {@code '\n'}
 * into a path part (spliced into the endpoint's path or query), a header value (the invocation
 * type, or the HTTP method) and the body.
 */
class LocalPlatformRequestFuzzTest {
  private static final LocalPlatform PLATFORM = start();
  private static final int PORT = PLATFORM.endpoint().getPort();
  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("POST", p -> "/2015-03-31/functions/" + p + "/invocations"),
      new Endpoint("POST", p -> "/2015-03-31/functions/echo/invocations?" + p),
      new Endpoint("POST", p -> "/api/v1/namespaces/" + p),
      new Endpoint("POST", p -> "/api/v1/namespaces/_/actions/echo-ow?" + p),
      new Endpoint("GET", p -> "/api/v1/namespaces/_/activations/" + p),
      new Endpoint(null, p -> "/http/" + p),
      new Endpoint(null, p -> "/" + p),
      new Endpoint("GET", p -> "/status?" + p));
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH",
      "HEAD", "OPTIONS");

  private record Endpoint(String method, UnaryOperator<String> path) {}

  private static LocalPlatform start() {
    try {
      return LocalPlatform.builder()
          .functions(
              FunctionSpec.lambda("echo", "io.spillover.fuzz.platform.EchoHandler").build(),
              FunctionSpec.openWhisk("echo-ow", "io.spillover.fuzz.platform.EchoAction").build())
          .maxConcurrency(2).invocationTimeout(Duration.ofSeconds(20))
          .connectionIdleTimeout(Duration.ofSeconds(10))
          .workDir(Files.createTempDirectory("spillover-fuzz-platform")).build().start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local platform", e);
    }
  }

  @AfterAll
  static void stop() {
    PLATFORM.close();
  }

  @Fuzz
  void everyRequestGetsAnHttpAnswerNeverAnInternalError(byte[] data) throws Exception {
    // loopback only: this target's request, and the platform's own connections to its worker
    // instances (their ports are the platform's choice, never the input's)
    BugDetectors.allowNetworkConnections((host, port) ->
        "127.0.0.1".equals(host) || "localhost".equals(host));
    Endpoint endpoint = ENDPOINTS.get(data.length == 0 ? 0 : Math.floorMod(data[0],
        ENDPOINTS.size()));
    byte[][] parts = split(data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length));
    String path = endpoint.path().apply(requestLineSafe(parts[0]));
    String header = headerSafe(parts[1]);
    String method = endpoint.method() != null ? endpoint.method()
        : METHODS.contains(header) ? header : "POST";
    byte[] body = parts[2];
    try (Socket socket = new Socket("127.0.0.1", PORT)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "X-Amz-Invocation-Type: " + header + "\r\nContent-Type: application/json\r\n"
          + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write(head.toByteArray());
      out.write(body);
      out.flush();
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1)).readLine();
      assertThat(status).as("%s %s: the status line", method, path).isNotNull()
          .startsWith("HTTP/1.1 ");
      int code = Integer.parseInt(status.substring(9, 12));
      assertThat(code).as("%s %s answered %s", method, path, status).isBetween(200, 599)
          .isNotEqualTo(500);
    }
  }

  /** Three parts at the first two newlines; missing parts are empty. */
  private static byte[][] split(byte[] rest) {
    byte[][] parts = {new byte[0], new byte[0], new byte[0]};
    int from = 0;
    for (int i = 0; i < 2; i++) {
      int nl = indexOf(rest, from);
      if (nl < 0) {
        parts[i] = Arrays.copyOfRange(rest, from, rest.length);
        return parts;
      }
      parts[i] = Arrays.copyOfRange(rest, from, nl);
      from = nl + 1;
    }
    parts[2] = Arrays.copyOfRange(rest, from, rest.length);
    return parts;
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  // bytes that would end the request line or start a second request become '_': what reaches
  // the platform is one request whose target holds every other byte, valid or not
  private static String requestLineSafe(byte[] bytes) {
    return latin1(bytes, b -> b == ' ' || b == '\r' || b == '\n' || b == '\t');
  }

  private static String headerSafe(byte[] bytes) {
    return latin1(bytes, b -> b == '\r' || b == '\n' || b == 0).strip();
  }

  private interface ByteTest {
    boolean test(byte b);
  }

  private static String latin1(byte[] bytes, ByteTest replace) {
    byte[] copy = bytes.clone();
    for (int i = 0; i < copy.length; i++) {
      if (replace.test(copy[i])) {
        copy[i] = '_';
      }
    }
    return new String(copy, StandardCharsets.ISO_8859_1);
  }
}
