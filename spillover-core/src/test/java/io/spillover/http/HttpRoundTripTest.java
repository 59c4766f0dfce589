package io.spillover.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A spill over real HTTP: provider -> loopback JDK server -> FunctionApp -> back. */
class HttpRoundTripTest {
  record Greeting(String name) {}

  record Reply(String text) {}

  private HttpServer server;
  private HttpFunctionProvider provider;

  @BeforeEach
  void start() throws Exception {
    FunctionApp app = FunctionApp.builder()
        .handle("greet", Greeting.class, Reply.class, g -> new Reply("hello " + g.name()))
        .build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fn/greet", new FunctionAppHttpHandler(app, 1024));
    server.start();
    provider = HttpFunctionProvider.builder()
        .baseUrl("local", "http://127.0.0.1:" + server.getAddress().getPort() + "/fn/")
        .build();
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop(0);
  }

  @Test
  void aCallRunsOnTheFunctionAppAndItsReplyComesBack() throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    byte[] request = Envelopes.request("id-7", "greet", deadline, "{\"name\":\"ada\"}");

    byte[] reply = provider.invoker(FunctionRef.of("http", "local/greet"))
        .invoke(new Invocation("id-7", "greet", request, deadline, false)).get(30, TimeUnit.SECONDS);

    ResponseEnvelope env = EnvelopeFormat.decodeResponse(reply);
    assertThat(env.ok).isTrue();
    assertThat(env.id).isEqualTo("id-7");
    assertThat(new String(env.body, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hello ada\"}");
  }

  @Test
  void anUnknownServiceComesBackAsAnErrorEnvelope() throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    byte[] request = Envelopes.request("id-8", "nope", deadline, "{}");

    byte[] reply = provider.invoker(FunctionRef.of("http", "local/greet"))
        .invoke(new Invocation("id-8", "nope", request, deadline, false)).get(30, TimeUnit.SECONDS);

    ResponseEnvelope env = EnvelopeFormat.decodeResponse(reply);
    assertThat(env.ok).isFalse();
    assertThat(env.errorType).isEqualTo("UNKNOWN_SERVICE");
  }

  @Test
  void theHandlerRefusesOtherMethodsAndOversizeBodies() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fn/greet");
    HttpURLConnection get = (HttpURLConnection) uri.toURL().openConnection();
    assertThat(get.getResponseCode()).isEqualTo(405);
    get.disconnect();

    HttpURLConnection post = (HttpURLConnection) uri.toURL().openConnection();
    post.setRequestMethod("POST");
    post.setDoOutput(true);
    post.getOutputStream().write(new byte[2048]);
    assertThat(post.getResponseCode()).isEqualTo(413);
    post.disconnect();
  }
}
