package io.spillover.openwhisk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caller and action side together: the provider talks to a loopback stand-in for the OpenWhisk
 * controller that runs the real {@link SpilloverAction} and treats its result as OpenWhisk does
 * (a result with an {@code error} field is an application error reduced to that field).
 */
class OpenWhiskRoundTripTest {
  private HttpServer server;
  private OpenWhiskProvider provider;
  private final Map<String, String> activations = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/namespaces/guest/", this::controller);
    server.start();
    provider = OpenWhiskProvider.builder()
        .apiHost("http://127.0.0.1:" + server.getAddress().getPort())
        .apiKey("uuid:key").namespace("guest")
        .pollInterval(Duration.ofMillis(5), Duration.ofMillis(20)).build();
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop(0);
  }

  @Test
  void aSpilledCallRunsInTheActionAndComesBack() throws Exception {
    ResponseEnvelope reply = call("social/compose-post", "{\"text\":\"four\"}");

    assertThat(reply.ok).isTrue();
    assertThat(new String(reply.body, StandardCharsets.UTF_8)).isEqualTo("{\"length\":4}");
  }

  @Test
  void aHandlerErrorSurvivesOpenWhisksErrorHandlingAsAnErrorEnvelope() throws Exception {
    ResponseEnvelope reply = call("social/compose-post", "{\"text\":\"fail\"}");

    assertThat(reply.ok).isFalse();
    assertThat(reply.errorType).isEqualTo("HANDLER_ERROR");
  }

  @Test
  void aSlowActionIsPolledToItsResult() throws Exception {
    ResponseEnvelope reply = call("social/slow", "{\"text\":\"polled\"}");

    assertThat(reply.ok).isTrue();
    assertThat(new String(reply.body, StandardCharsets.UTF_8)).isEqualTo("{\"length\":6}");
  }

  private ResponseEnvelope call(String target, String body) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    String id = UUID.randomUUID().toString(); // the action's app is shared: it drops repeated ids
    byte[] reply = provider.invoker(FunctionRef.of("openwhisk", target)).invoke(new Invocation(
        id, "compose-post", Envelopes.request(id, "compose-post", deadline, body),
        deadline, false)).get(30, TimeUnit.SECONDS);
    return EnvelopeFormat.decodeResponse(reply);
  }

  /** Blocking invokes of {@code social/*}; {@code slow} outlives the blocking wait (202). */
  private void controller(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean authorized = "Basic dXVpZDprZXk=".equals(
          exchange.getRequestHeaders().getFirst("Authorization"));
      if (!authorized) {
        respond(exchange, 401, "{\"error\":\"The supplied authentication is invalid.\"}");
      } else if (path.startsWith("/api/v1/namespaces/guest/activations/")) {
        String record = activations.get(path.substring(path.lastIndexOf('/') + 1));
        respond(exchange, record == null ? 404 : 200, record == null ? "{}" : record);
      } else if (path.startsWith("/api/v1/namespaces/guest/actions/social/")) {
        JsonObject params = JsonParser.parseString(new String(
            exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject result = SpilloverAction.main(params);
        boolean failed = result.has("error");
        JsonObject kept = result;
        if (failed) {
          kept = new JsonObject();
          kept.add("error", result.get("error"));
        }
        if (path.endsWith("/slow")) {
          activations.put("ac7", "{\"activationId\":\"ac7\",\"response\":{\"result\":" + kept
              + ",\"status\":\"" + (failed ? "application error" : "success")
              + "\",\"success\":" + !failed + "}}");
          respond(exchange, 202, "{\"activationId\":\"ac7\"}");
        } else {
          respond(exchange, failed ? 502 : 200, kept.toString());
        }
      } else {
        respond(exchange, 404, "{\"error\":\"The requested resource does not exist.\"}");
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
