package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send half a request and then nothing (slowloris) tie up neither the key service's
 * request threads nor, for longer than the idle timeout, its connections.
 */
class KeyServiceSlowClientTest {
  /** How long a test waits for what must happen; generous, it is no speed assertion. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void moreStalledConnectionsThanThreadsDoNotHoldUpOtherCallers() throws Exception {
    try (KeyServiceFixture ks = new KeyServiceFixture(dir, b -> b.threads(2));
        RawClient stalled = new RawClient()) {
      for (int i = 0; i < 3; i++) {
        stalled.send(ks.service.uri(), RawClient.HALF_HEADERS);
        stalled.send(ks.service.uri(), RawClient.DECLARED_BODY);
      }
      CompletableFuture<ReleasedKeys> attest =
          CompletableFuture.supplyAsync(() -> ks.client.attest("compose", ks.tee));
      assertThat(attest.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).function())
          .isEqualTo("compose");
      CompletableFuture<FunctionPublicKeyset> keyset =
          CompletableFuture.supplyAsync(() -> ks.client.publicKeyset("compose", ks.frontend));
      assertThat(keyset.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).function())
          .isEqualTo("compose");
    }
  }

  @Test
  void aStalledRequestIsCutOffAfterTheIdleTimeout() throws Exception {
    try (KeyServiceFixture ks = new KeyServiceFixture(dir,
            b -> b.threads(2).idleTimeout(Duration.ofMillis(300)));
        RawClient stalled = new RawClient()) {
      Socket body = stalled.send(ks.service.uri(), RawClient.DECLARED_BODY);
      Socket headers = stalled.send(ks.service.uri(), RawClient.HALF_HEADERS);
      String answer = RawClient.readUntilClosed(body, PATIENCE);
      assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(),
          a -> assertThat(a).startsWith("HTTP/1.1 408 "));
      assertThat(RawClient.readUntilClosed(headers, PATIENCE)).satisfiesAnyOf(
          a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 408 "));
      assertThat(ks.client.nonce()).hasSize(32);
    }
  }

  @Test
  void atTheConnectionLimitNewConnectionsWaitForAStalledOneToBeCutOff() throws Exception {
    try (KeyServiceFixture ks = new KeyServiceFixture(dir,
            b -> b.threads(2).maxConnections(3).idleTimeout(Duration.ofSeconds(1)));
        RawClient stalled = new RawClient()) {
      List<Socket> held = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        held.add(stalled.send(ks.service.uri(), RawClient.HALF_HEADERS));
      }
      CompletableFuture<byte[]> nonce = CompletableFuture.supplyAsync(ks.client::nonce);
      assertThat(nonce.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasSize(32);
      // the request above was served only once the service had let a stalled connection go:
      // at least one of them is closed by now (without the limit none would be yet)
      long closed = 0;
      for (Socket socket : held) {
        socket.setSoTimeout(1);
        try {
          socket.getInputStream().read(); // end of stream, or a 408 before it
          closed++;
        } catch (java.net.SocketTimeoutException e) {
          // still open and silent
        } catch (java.io.IOException e) {
          closed++;
        }
      }
      assertThat(closed).isPositive();
    }
  }

  @Test
  void oversizedHeadersAndBodiesGetTyped4xxReplies() throws Exception {
    try (KeyServiceFixture ks = new KeyServiceFixture(dir, b -> b.maxRequestBodyBytes(4096));
        RawClient raw = new RawClient()) {
      Socket bigHeader = raw.send(ks.service.uri(), "GET /v1/functions/compose/public-keyset"
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(16 * 1024) + "\r\n\r\n");
      assertThat(RawClient.readUntilClosed(bigHeader, PATIENCE)).startsWith("HTTP/1.1 431 ")
          .contains("{\"error\":");
      String attest = "POST /v1/functions/compose/attest HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\n";
      // declared too large: refused before a byte of the body is read
      Socket declared = raw.send(ks.service.uri(), attest + "Content-Length: 5000\r\n\r\n");
      assertThat(RawClient.readUntilClosed(declared, PATIENCE)).startsWith("HTTP/1.1 413 ")
          .contains("{\"error\":");
      // chunked, so the size shows only while reading
      Socket chunked = raw.send(ks.service.uri(), attest + "Transfer-Encoding: chunked\r\n\r\n"
          + Integer.toHexString(5000) + "\r\n" + "{".repeat(5000) + "\r\n0\r\n\r\n");
      assertThat(RawClient.statusLine(chunked, PATIENCE)).startsWith("HTTP/1.1 413 ");
      assertThat(ks.client.nonce()).hasSize(32);
    }
  }
}
