package io.spillover.samples.inference.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The tap's positive control: canaries in the clear are counted, byte for byte, in requests
 * and replies; the same canaries base64-encoded (as inside a sealed envelope) are not.
 */
class WireTapTest {
  private static final String CANARY = WireTap.PREFIX + "p-1f2e3d";

  @Test
  void canariesInTheClearAreCountedAndEncodedOnesAreNot() throws Exception {
    Deque<String> replies = new ArrayDeque<>();
    replies.add("{\"patient\":\"" + CANARY + "\"}");
    replies.add("{\"ct\":\"" + b64(CANARY) + "\"}");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0), 8);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = replies.removeFirst().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    WireTap tap = new WireTap();
    OkHttpClient client = new OkHttpClient.Builder().addNetworkInterceptor(tap).build();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    try {
      send(client, url, "{\"patient\":\"" + CANARY + "\",\"again\":\"" + CANARY + "\"}");
      assertThat(tap.seen().canaries()).isEqualTo(3);
      assertThat(tap.seen().plaintextBytes()).isEqualTo(3L * CANARY.length());
      send(client, url, "{\"ct\":\"" + b64(CANARY + CANARY) + "\"}");
      assertThat(tap.seen().canaries()).isEqualTo(3);
      assertThat(tap.seen().exchanges()).isEqualTo(2);
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      server.stop(0);
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(OkHttpClient client, String url, String body) throws Exception {
    try (Response r = client.newCall(new Request.Builder().url(url)
        .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8))).build()).execute()) {
      r.body().string();
    }
  }
}
