package io.spillover.openwhisk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import io.spillover.testing.Outcomes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An action that outlives OpenWhisk's blocking wait (202) is polled until it ends or the deadline. */
class OpenWhiskPollingTest {
  private static final String ACTIVATIONS = "/api/v1/namespaces/guest/activations/";
  private WireMockServer server;
  private OpenWhiskProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    provider = OpenWhiskProvider.builder().apiHost(server.baseUrl()).apiKey("uuid:key")
        .namespace("guest").pollInterval(Duration.ofMillis(5), Duration.ofMillis(20)).build();
    server.stubFor(post(urlPathEqualTo("/api/v1/namespaces/guest/actions/compose-post"))
        .willReturn(aResponse().withStatus(202).withBody("{\"activationId\":\"a1b2\"}")));
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop();
  }

  @Test
  void anAcceptedActivationIsPolledUntilItsRecordHasTheResult() throws Exception {
    String envelope = Envelopes.okReply("r", "{\"length\":5}");
    server.stubFor(get(ACTIVATIONS + "a1b2").inScenario("record").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(404)
            .withBody("{\"error\":\"The requested resource does not exist.\"}"))
        .willSetStateTo("stored"));
    server.stubFor(get(ACTIVATIONS + "a1b2").inScenario("record").whenScenarioStateIs("stored")
        .willReturn(aResponse().withBody(activation(true, "success",
            "{\"envelope\":" + envelope + "}"))));

    byte[] reply = invoke(15_000).get(30, TimeUnit.SECONDS);

    assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo(envelope);
    server.verify(2, getRequestedFor(urlEqualTo(ACTIVATIONS + "a1b2"))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock
            .equalTo("Basic dXVpZDprZXk=")));
  }

  @Test
  void anActivationThatEndsInAnApplicationErrorIsAFunctionError() {
    server.stubFor(get(ACTIVATIONS + "a1b2").willReturn(aResponse().withBody(
        activation(false, "application error", "{\"error\":\"out of memory\"}"))));

    FunctionException e = Outcomes.failure(invoke(15_000));

    assertThat(e).isInstanceOf(FunctionErrorException.class).hasMessageContaining("out of memory")
        .hasMessageContaining("application error");
  }

  @Test
  void aWhiskInternalErrorIsATransportFailure() {
    server.stubFor(get(ACTIVATIONS + "a1b2").willReturn(aResponse().withBody(
        activation(false, "whisk internal error", "{\"error\":\"invoker lost\"}"))));

    FunctionException e = Outcomes.failure(invoke(15_000));

    assertThat(e).isInstanceOf(FunctionTransportException.class).hasMessageContaining("invoker lost");
    assertThat(e.mayHaveRun()).isTrue();
  }

  @Test
  void anActivationStillUnfinishedAtTheDeadlineTimesOut() {
    server.stubFor(get(ACTIVATIONS + "a1b2").willReturn(aResponse().withStatus(404)));

    FunctionException e = Outcomes.failure(invoke(300));

    assertThat(e).isInstanceOf(FunctionTimeoutException.class).hasMessageContaining("a1b2")
        .hasMessageContaining("last poll: 404");
    assertThat(server.findAll(getRequestedFor(urlEqualTo(ACTIVATIONS + "a1b2")))).isNotEmpty();
  }

  @Test
  void cancellingTheCallStopsThePolling() {
    server.stubFor(get(ACTIVATIONS + "a1b2").willReturn(aResponse().withStatus(404)));
    CompletableFuture<byte[]> call = invoke(10_000);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
        !server.findAll(getRequestedFor(urlEqualTo(ACTIVATIONS + "a1b2"))).isEmpty());

    call.cancel(true);
    int polls = server.findAll(getRequestedFor(urlEqualTo(ACTIVATIONS + "a1b2"))).size();

    // at most one poll may have been in flight when the call was cancelled
    org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> server.findAll(getRequestedFor(urlEqualTo(ACTIVATIONS + "a1b2"))).size()
            <= polls + 1);
  }

  private static String activation(boolean success, String status, String result) {
    return "{\"activationId\":\"a1b2\",\"name\":\"compose-post\",\"namespace\":\"guest\","
        + "\"duration\":1234,\"response\":{\"result\":" + result + ",\"status\":\"" + status
        + "\",\"success\":" + success + "}}";
  }

  private CompletableFuture<byte[]> invoke(long millisToDeadline) {
    long deadline = System.currentTimeMillis() + millisToDeadline;
    return provider.invoker(FunctionRef.of("openwhisk", "compose-post")).invoke(
        new Invocation("r", "svc", Envelopes.request("r", "svc", deadline, "{}"), deadline, false));
  }
}
