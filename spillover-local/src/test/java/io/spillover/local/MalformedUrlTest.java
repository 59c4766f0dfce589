package io.spillover.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A path or query whose percent-encoding is broken ("%" not followed by two hex digits) is the
 * client's mistake: 400, never the platform's 500. Found by LocalPlatformRequestFuzzTest (an
 * OpenWhisk query {@code ?rbos%}); none of these requests starts a worker.
 */
class MalformedUrlTest {
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("calm").build(), Fixtures.action("calm-ow").build())
        .maxConcurrency(2).workDir(work).build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "POST /api/v1/namespaces/_/actions/calm-ow?blocking=true&x%",
      "POST /api/v1/namespaces/_/actions/calm-ow?timeout=%zz",
      "POST /api/v1/namespaces/_/actions/calm-ow?blocking=true&timeout=-5",
      "GET /api/v1/namespaces/_/activations/a%2",
      "POST /api/v1/namespaces/_/actions/calm%g0",
      "POST /2015-03-31/functions/calm%a/invocations",
      "GET /http/calm%",
      "POST /http/calm%/path"})
  void aBrokenPercentEncodingIsABadRequest(String requestLine) throws Exception {
    try (Socket s = Fixtures.rawSend(platform, requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")) {
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.ISO_8859_1)).readLine();
      assertThat(status).as(requestLine).startsWith("HTTP/1.1 400");
    }
  }
}
