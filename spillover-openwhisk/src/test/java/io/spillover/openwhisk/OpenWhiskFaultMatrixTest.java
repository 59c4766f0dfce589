package io.spillover.openwhisk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.http.PayloadTooLargeException;
import io.spillover.testing.Envelopes;
import io.spillover.testing.Outcomes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each OpenWhisk fault, from the network or the controller, ends in its typed outcome. */
class OpenWhiskFaultMatrixTest {
  private WireMockServer server;
  private OpenWhiskProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    provider = OpenWhiskProvider.builder().apiHost(server.baseUrl()).apiKey("uuid:key").build();
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop();
  }

  static ResponseDefinitionBuilder owError(int status, String error) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("x-openwhisk-activation-id", "5d4c3b2a")
        .withBody("{\"error\":\"" + error + "\",\"code\":\"Xr8a1\"}");
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            FunctionTransportException.class, true),
        Arguments.of("empty reply", aResponse().withFault(Fault.EMPTY_RESPONSE),
            FunctionTransportException.class, true),
        Arguments.of("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
            FunctionTransportException.class, true),
        Arguments.of("200 that is not JSON", aResponse().withBody("<html/>"),
            FunctionTransportException.class, true),
        Arguments.of("200 without an envelope", aResponse().withBody("{\"greeting\":\"hi\"}"),
            FunctionTransportException.class, true),
        Arguments.of("200 with an envelope that is no envelope",
            aResponse().withBody("{\"envelope\":{\"v\":2}}"), FunctionTransportException.class, true),
        Arguments.of("200 with two envelopes", aResponse().withBody("{\"envelope\":"
            + Envelopes.okReply("r", "1") + ",\"envelope\":" + Envelopes.okReply("r", "2") + "}"),
            FunctionTransportException.class, true),
        Arguments.of("200 with data after the result", aResponse().withBody("{\"envelope\":"
            + Envelopes.okReply("r", "1") + "}{}"), FunctionTransportException.class, true),
        Arguments.of("200 with an envelope of version 1.9", aResponse().withBody("{\"envelope\":"
            + Envelopes.okReply("r", "1").replace("\"v\":2", "\"v\":1.9") + "}"),
            FunctionTransportException.class, true),
        Arguments.of("429", owError(429, "Too many concurrent requests in flight (count: 100, allowed: 100)."),
            FunctionThrottledException.class, false),
        Arguments.of("500 whisk internal error", owError(500, "Response Missing Error Message."),
            FunctionTransportException.class, true),
        Arguments.of("502 application error", owError(502, "model not loaded"),
            FunctionErrorException.class, true),
        Arguments.of("502 from a proxy", aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"),
            FunctionTransportException.class, true),
        Arguments.of("408", owError(408, "The action exceeded its time limits"),
            FunctionTimeoutException.class, true),
        Arguments.of("413", owError(413, "The request content was malformed"),
            PayloadTooLargeException.class, false),
        Arguments.of("401", owError(401, "The supplied authentication is invalid."),
            FunctionTransportException.class, false),
        Arguments.of("404", owError(404, "The requested resource does not exist."),
            FunctionTransportException.class, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void faultEndsInItsTypedOutcome(String name, ResponseDefinitionBuilder reply,
      Class<? extends FunctionException> expected, boolean mayHaveRun) {
    server.stubFor(any(anyUrl()).willReturn(reply));

    FunctionException e = Outcomes.failure(invoke(15_000));

    assertThat(e).isInstanceOf(expected);
    assertThat(e.mayHaveRun()).isEqualTo(mayHaveRun);
  }

  @Test
  void aReplySlowerThanTheDeadlineTimesOut() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3000)
        .withBody("{\"envelope\":" + Envelopes.okReply("r", "1") + "}")));

    FunctionException e = Outcomes.failure(invoke(500));

    assertThat(e).isInstanceOf(FunctionTimeoutException.class).hasMessageContaining("within");
    assertThat(e.mayHaveRun()).isTrue();
  }

  @Test
  void anApplicationErrorCarriesTheActionsMessage() {
    server.stubFor(any(anyUrl()).willReturn(owError(502, "cannot build the FunctionApp: boom")));

    FunctionErrorException e = (FunctionErrorException) Outcomes.failure(invoke(15_000));

    assertThat(e.type()).isEqualTo("OpenWhisk.ActionError");
    assertThat(e).hasMessageContaining("cannot build the FunctionApp: boom")
        .hasMessageContaining("5d4c3b2a");
  }

  @Test
  void aWrappedErrorEnvelopeIsAReplyTheCoreDecodes() throws Exception {
    String error = Envelopes.errorReply("r", "HANDLER_ERROR", "IllegalStateException: refused");
    server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{\"envelope\":" + error + "}")));

    byte[] reply = invoke(15_000).get(30, TimeUnit.SECONDS);

    assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo(error);
  }

  @Test
  void anOversizeEnvelopeIsRefusedWithoutSending() {
    long deadline = System.currentTimeMillis() + 15_000;
    FunctionException e = Outcomes.failure(provider.invoker(FunctionRef.of("openwhisk", "a"))
        .invoke(new Invocation("r", "svc", new byte[1024 * 1024 + 1], deadline, false)));

    assertThat(e).isInstanceOf(PayloadTooLargeException.class);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  private CompletableFuture<byte[]> invoke(long millisToDeadline) {
    long deadline = System.currentTimeMillis() + millisToDeadline;
    return provider.invoker(FunctionRef.of("openwhisk", "social/compose-post")).invoke(
        new Invocation("r", "svc", Envelopes.request("r", "svc", deadline, "{}"), deadline, false));
  }
}
