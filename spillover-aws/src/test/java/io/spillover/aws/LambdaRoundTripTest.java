package io.spillover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import io.spillover.testing.Outcomes;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caller and function side together: the provider talks to a loopback stand-in for the Invoke
 * API that runs the real {@link SpilloverLambdaHandler}, answering as Lambda does.
 */
class LambdaRoundTripTest {
  private HttpServer server;
  private LambdaProvider provider;
  private final Map<String, SpilloverLambdaHandler> functions = Map.of(
      "social-compose-post", new SpilloverLambdaHandler(SpilloverLambdaHandlerTest::app),
      "broken", new SpilloverLambdaHandler(() -> {
        throw new IllegalStateException("no config");
      }));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/2015-03-31/functions/", this::invoke);
    server.start();
    provider = LambdaProvider.builder().region("eu-west-1")
        .endpointOverride("http://127.0.0.1:" + server.getAddress().getPort())
        .credentials("AKIDEXAMPLE", "secret").build();
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop(0);
  }

  @Test
  void aSpilledCallRunsInTheHandlerAndComesBack() throws Exception {
    byte[] reply = call("social-compose-post:live", "{\"text\":\"four\"}").get(30, TimeUnit.SECONDS);

    ResponseEnvelope env = EnvelopeFormat.decodeResponse(reply);
    assertThat(env.ok).isTrue();
    assertThat(new String(env.body, StandardCharsets.UTF_8)).isEqualTo("{\"length\":4}");
  }

  @Test
  void aFunctionThatCannotStartIsAFunctionError() {
    FunctionException e = Outcomes.failure(call("broken", "{\"text\":\"x\"}"));

    assertThat(e).isInstanceOf(FunctionErrorException.class).hasMessageContaining("no config");
    assertThat(((FunctionErrorException) e).type()).isEqualTo("java.lang.IllegalStateException");
  }

  private CompletableFuture<byte[]> call(String target, String body) {
    long deadline = System.currentTimeMillis() + 15_000;
    return provider.invoker(FunctionRef.of("lambda", target)).invoke(new Invocation("id-1",
        "compose-post", Envelopes.request("id-1", "compose-post", deadline, body), deadline, false));
  }

  /** What Lambda does with a RequestResponse invocation of a stream handler. */
  private void invoke(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/");
      SpilloverLambdaHandler handler = functions.get(path[3]);
      boolean signed = exchange.getRequestHeaders().getFirst("Authorization") != null
          && "RequestResponse".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"));
      if (handler == null || !signed || !"invocations".equals(path[4])) {
        exchange.sendResponseHeaders(handler == null ? 404 : 403, -1);
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        handler.handleRequest(new ByteArrayInputStream(exchange.getRequestBody().readAllBytes()),
            out, new FakeContext("aws-req-2"));
      } catch (RuntimeException e) {
        out.reset();
        out.writeBytes(("{\"errorMessage\":\"" + e.getMessage() + "\",\"errorType\":\""
            + e.getClass().getName() + "\"}").getBytes(StandardCharsets.UTF_8));
        exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
      }
      exchange.sendResponseHeaders(200, out.size());
      exchange.getResponseBody().write(out.toByteArray());
    }
  }
}
