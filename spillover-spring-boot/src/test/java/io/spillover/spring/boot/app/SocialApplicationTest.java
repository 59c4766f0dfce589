package io.spillover.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "management.endpoints.web.exposure.include=spillover,health",
    "management.endpoint.health.show-details=always",
    "spillover.providers.in-process.enabled=true",
    "spillover.spillways.compose-post.function.provider=in-process",
    "spillover.spillways.compose-post.function.target=social",
    "spillover.spillways.compose-post.limit.type=fixed",
    "spillover.spillways.compose-post.limit.value=1"})
class SocialApplicationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;
  @Autowired
  ComposeEndpoint endpoint;
  @Autowired
  Gate gate;
  @Autowired
  SpilloverRegistry registry;

  private final ExecutorService callers = Executors.newFixedThreadPool(7);

  @AfterEach
  void stop() {
    gate.open();
    callers.shutdownNow();
  }

  @Test
  void callsOverTheLimitSpillToTheTwinAndTheEndpointShowsIt() throws Exception {
    Spillway<?, ?> spillway = registry.find("compose-post").orElseThrow();
    long localBefore = spillway.metrics().calls(Route.LOCAL, Outcome.SUCCESS);
    long spilledBefore = spillway.metrics().calls(Route.FUNCTION, Outcome.SUCCESS);

    gate.close();
    CompletableFuture<ComposePost> first = CompletableFuture.supplyAsync(
        () -> endpoint.compose(new ComposeRequest("ann", " first ")), callers);
    await().atMost(Duration.ofSeconds(10)).until(() -> spillway.metrics().inflightLocal() == 1);

    List<CompletableFuture<ComposePost>> others = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String text = "post " + i;
      others.add(CompletableFuture.supplyAsync(
          () -> endpoint.compose(new ComposeRequest("bob", text)), callers));
    }
    for (int i = 0; i < 6; i++) {
      assertThat(others.get(i).get()).as("the VM's one permit is taken: the call spills")
          .isEqualTo(new ComposePost("bob", "POST " + i, "function"));
    }
    gate.open();
    assertThat(first.get()).isEqualTo(new ComposePost("ann", "FIRST", "vm"));
    assertThat(spillway.metrics().calls(Route.LOCAL, Outcome.SUCCESS) - localBefore).isEqualTo(1);
    assertThat(spillway.metrics().calls(Route.FUNCTION, Outcome.SUCCESS) - spilledBefore)
        .isEqualTo(6);

    JsonNode all = get("/actuator/spillover", 200);
    JsonNode compose = all.get("spillways").get("compose-post");
    assertThat(compose.get("function").asString()).isEqualTo("in-process:social");
    assertThat(compose.get("limit").asInt()).isEqualTo(1);
    assertThat(compose.get("inflight").get("local").asInt()).isZero();
    assertThat(compose.get("inflight").get("function").asInt()).isZero();
    assertThat(compose.get("calls").get("function").get("success").asLong())
        .isEqualTo(spilledBefore + 6);
    assertThat(compose.get("calls").get("local").get("success").asLong())
        .isEqualTo(localBefore + 1);
    assertThat(compose.get("breakerState").asString()).isEqualTo("CLOSED");
    assertThat(compose.get("spendUsd").asDouble()).isPositive();
    assertThat(compose.has("spilling")).isTrue();
    assertThat(compose.has("spillRatePerSecond")).isTrue();
    assertThat(compose.has("advisedReplicas")).isTrue();

    assertThat(get("/actuator/spillover/compose-post", 200).get("limit").asInt()).isEqualTo(1);
    get("/actuator/spillover/no-such-spillway", 404);
  }

  @Test
  void healthReportsBreakersAndStaysHttp200WhenAllAreOpen() throws Exception {
    JsonNode health = get("/actuator/health", 200).get("components").get("spillover");
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(health.get("details").get("breakers").get("in-process:social").asString())
        .isEqualTo("CLOSED");
    var breaker = registry.circuitBreakerRegistry().circuitBreaker("in-process:social");
    breaker.transitionToForcedOpenState();
    try {
      JsonNode all = get("/actuator/health", 200);
      assertThat(all.get("components").get("spillover").get("status").asString())
          .isEqualTo("DEGRADED");
      assertThat(all.get("status").asString())
          .as("the aggregate: DEGRADED is not in Boot's default status order").isEqualTo("UP");
    } finally {
      breaker.transitionToClosedState();
    }
  }

  private JsonNode get(String path, int expectedStatus) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
    return expectedStatus == 200 ? JSON.readTree(response.body()) : null;
  }
}
