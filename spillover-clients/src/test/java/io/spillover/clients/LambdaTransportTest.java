package io.spillover.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpilloverException;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Transport "lambda": a spilled call reaches a loopback Invoke API as a 2.0 event. */
class LambdaTransportTest {
  private final LoopbackServer invokeApi;
  private final SpilloverRegistry registry = SpilloverRegistry.builder()
      .provider(new TwinLambdaProvider()).tickInterval(Duration.ZERO).build();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final ClientSpillway engine;

  LambdaTransportTest() throws Exception {
    invokeApi = new LoopbackServer();
    // the limit is one call, and that permit is held by the local function below, so the
    // nested call is at the limit and goes to the twin
    engine = new ClientSpillway(registry, "logic", "http://127.0.0.1:1",
        SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(Duration.ofMillis(1))
            .function(TwinLambdaProvider.ref("logic", invokeApi.url())).build(),
        RouteRules.defaults());
  }

  @AfterEach
  void close() {
    registry.close();
    invokeApi.close();
  }

  private HttpResult nestedCall() {
    HttpCall call = new HttpCall("GET", "/items/1", "q=2", Map.of("Accept", List.of("text/plain")),
        new byte[0]);
    return engine.execute(call, outer -> engine.execute(call, inner -> {
      throw new AssertionError("the nested call must spill");
    }));
  }

  @Test
  void theTwinsReplyComesBackAsTheCallsResult() {
    invokeApi.behaviour = ex -> {
      events.add(JsonMapper.builder().build().readTree(ex.getRequestBody().readAllBytes()));
      LoopbackServer.reply(ex, 200,
          "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"twin\"}");
    };
    HttpResult r = nestedCall();
    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("twin");
    assertThat(invokeApi.received).containsExactly("POST /2015-03-31/functions/logic/invocations");
    assertThat(events.get(0).get("rawPath").asString()).isEqualTo("/items/1");
    assertThat(events.get(0).get("headers").has("x-spillover-id")).isTrue();
  }

  @Test
  void aLambdaThrottleWithNoFreePermitIsATypedRejection() {
    invokeApi.behaviour = ex -> LoopbackServer.reply(ex, 429, "{\"Type\":\"TooManyRequestsException\"}");
    assertThatThrownBy(this::nestedCall).isInstanceOf(SpilloverException.class);
  }

  @Test
  void aFunctionErrorIsTyped() {
    invokeApi.behaviour = ex -> {
      ex.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
      LoopbackServer.reply(ex, 200, "{}");
    };
    assertThatThrownBy(this::nestedCall).isInstanceOf(SpilloverException.class);
  }
}
