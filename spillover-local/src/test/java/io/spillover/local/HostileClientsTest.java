package io.spillover.local;

import static io.spillover.local.Fixtures.echo;
import static io.spillover.local.Fixtures.invokeLambda;
import static io.spillover.local.Fixtures.rawSend;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that stall, give up half-way or send too much cost the platform no thread per
 * connection, never become invocations, and get typed replies where a reply is due.
 */
class HostileClientsTest {
  private static final String INVOKE = "POST /2015-03-31/functions/stalled/invocations HTTP/1.1\r\n"
      + "Host: 127.0.0.1\r\n";
  @TempDir static Path work;
  static LocalPlatform platform; // idle timeout 5 s: the stalled connections outlast each check

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("stalled").build(), Fixtures.lambda("calm").build(),
            Fixtures.action("stalled-ow").build())
        .maxConcurrency(4).connectionIdleTimeout(Duration.ofSeconds(5)).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @Test
  void hundredsOfStalledConnectionsCostNoThreadsAndACallStillSucceeds() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        stalled.add(rawSend(platform, INVOKE + "Content-Le")); // headers never finished
        stalled.add(rawSend(platform, INVOKE + "Content-Length: 100\r\n\r\n{\"v\":")); // body stops
        stalled.add(rawSend(platform, "POST /http/stalled-ow HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Length: 100\r\n\r\n")); // body never sent
      }

      // accepted after the 300 stalled ones, so they have all reached the server by now
      assertThat(Fixtures.get(platform.endpoint() + "/status").code()).isEqualTo(200);
      assertThat(Fixtures.threads("spillover-local"))
          .as("the platform's threads while 300 connections stall").isLessThan(64);

      Fixtures.Reply r = invokeLambda(platform, "calm", echo("through"));

      assertThat(r.code()).isEqualTo(200);
      assertThat(r.json().get("body").get("text").asString()).isEqualTo("through");
      assertThat(Fixtures.threads("spillover-local")).isLessThan(64);
      assertThat(platform.stats().function("stalled").invocations()).isZero();
      assertThat(platform.stats().function("stalled-ow").invocations()).isZero();
      assertThat(platform.stats().function("stalled").instances()).isZero();
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void stalledHeadersAndBodiesAreCutByTheIdleTimeoutAndAreNoInvocation() throws Exception {
    try (Socket headers = rawSend(platform, INVOKE + "Content-Le");
        Socket body = rawSend(platform, INVOKE + "Content-Length: 100\r\n\r\n{\"v\":1")) {
      assertThat(readUntilClosed(headers)).as("reply to stalled headers").doesNotContain("200 OK");
      assertThat(readUntilClosed(body)).as("reply to a stalled body").doesNotContain("200 OK");
    }
    assertThat(platform.stats().function("stalled").invocations()).isZero();
    assertThat(platform.stats().function("stalled").coldStarts()).isZero();
  }

  @Test
  void aRequestWhoseClientLeavesHalfWayIsNoInvocation() throws Exception {
    rawSend(platform, INVOKE + "Content-Length: 100\r\n\r\n{\"v\":1,\"id\":\"x\"").close();
    rawSend(platform, INVOKE + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"v\":").close();
    rawSend(platform, "POST /http/stalled-ow HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Length: 100\r\n\r\n{\"v\":1").close();
    rawSend(platform, "POST /http/stalled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").close();

    Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
        .until(() -> platform.stats().function("stalled").invocations() == 0
            && platform.stats().function("stalled-ow").invocations() == 0
            && platform.stats().function("stalled").instances() == 0
            && platform.stats().function("stalled-ow").instances() == 0);
    assertThat(platform.stats().function("stalled").coldStarts()).isZero();
    assertThat(platform.stats().function("stalled-ow").coldStarts()).isZero();
  }

  @Test
  void oversizeHeadersAndChunkedBodiesGetTypedReplies() throws Exception {
    Fixtures.Reply headers = Fixtures.post(platform.endpoint()
        + "/2015-03-31/functions/stalled/invocations", echo("x"), "X-Padding", "p".repeat(20_000));
    Request chunked = new Request.Builder()
        .url(platform.endpoint() + "/2015-03-31/functions/stalled/invocations")
        .post(new RequestBody() {
          @Override
          public MediaType contentType() {
            return Fixtures.JSON_TYPE;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            byte[] kb = " ".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 6 * 1024 + 1; i++) {
              sink.write(kb);
            }
          }
        }).build();

    assertThat(headers.code()).isEqualTo(431);
    assertThat(headers.json().get("error").get("type").asString())
        .isEqualTo("RequestHeaderFieldsTooLarge");
    try (Response r = Fixtures.HTTP.newCall(chunked).execute()) {
      assertThat(r.code()).isEqualTo(413);
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("RequestEntityTooLargeException");
      assertThat(Fixtures.JSON.readTree(r.body().bytes()).get("message").asString())
          .contains("6291456");
    }
    assertThat(platform.stats().function("stalled").invocations()).isZero();
  }

  /** What the server sent until it closed the connection; fails if it keeps it open. */
  private static String readUntilClosed(Socket s) throws IOException {
    s.setSoTimeout(60_000); // generous: the idle timeout is 5 s
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    int n;
    try {
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // a reset is a close too
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
