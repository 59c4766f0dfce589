package io.spillover.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import io.spillover.testing.Outcomes;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way an HTTP exchange can go wrong ends in one typed outcome. */
class HttpFaultMatrixTest {
  private WireMockServer server;
  private HttpFunctionProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    provider = HttpFunctionProvider.builder().build();
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop();
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            FunctionTransportException.class, true),
        Arguments.of("empty reply", aResponse().withFault(Fault.EMPTY_RESPONSE),
            FunctionTransportException.class, true),
        Arguments.of("malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
            FunctionTransportException.class, true),
        Arguments.of("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
            FunctionTransportException.class, true),
        Arguments.of("200 with an empty body", aResponse().withStatus(200),
            FunctionTransportException.class, true),
        Arguments.of("200 with HTML", aResponse().withStatus(200).withBody("<html>oops</html>"),
            FunctionTransportException.class, true),
        Arguments.of("200 with JSON that is no envelope", aResponse().withBody("{\"hello\":1}"),
            FunctionTransportException.class, true),
        Arguments.of("429", aResponse().withStatus(429).withBody("slow down"),
            FunctionThrottledException.class, false),
        Arguments.of("500", aResponse().withStatus(500), FunctionTransportException.class, true),
        Arguments.of("502", aResponse().withStatus(502), FunctionTransportException.class, true),
        Arguments.of("503", aResponse().withStatus(503), FunctionTransportException.class, true),
        Arguments.of("404", aResponse().withStatus(404), FunctionTransportException.class, false),
        Arguments.of("401", aResponse().withStatus(401), FunctionTransportException.class, false),
        Arguments.of("408", aResponse().withStatus(408), FunctionTimeoutException.class, true),
        Arguments.of("504", aResponse().withStatus(504), FunctionTimeoutException.class, true),
        Arguments.of("413", aResponse().withStatus(413), PayloadTooLargeException.class, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void faultEndsInItsTypedOutcome(String name, ResponseDefinitionBuilder reply,
      Class<? extends FunctionException> expected, boolean mayHaveRun) {
    server.stubFor(any(anyUrl()).willReturn(reply));

    FunctionException e = Outcomes.failure(invoker().invoke(invocation(15_000)));
    FunctionException blocking = Outcomes.blockingFailure(invoker(), invocation(15_000));

    assertThat(e).isInstanceOf(expected);
    assertThat(e.mayHaveRun()).isEqualTo(mayHaveRun);
    assertThat(blocking).as("invokeBlocking fails the same way").isInstanceOf(expected);
    assertThat(blocking.mayHaveRun()).isEqualTo(mayHaveRun);
  }

  @Test
  void aReplySlowerThanTheDeadlineTimesOut() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3000)
        .withBody(Envelopes.okReply("r", "1"))));

    FunctionException e = Outcomes.failure(invoker().invoke(invocation(500)));
    FunctionException blocking = Outcomes.blockingFailure(invoker(), invocation(500));

    assertThat(e).isInstanceOf(FunctionTimeoutException.class).hasMessageContaining("within");
    assertThat(e.mayHaveRun()).isTrue();
    assertThat(blocking).isInstanceOf(FunctionTimeoutException.class)
        .hasMessageContaining("within");
  }

  @Test
  void anErrorEnvelopeIsAReplyTheCoreDecodes() throws Exception {
    String error = Envelopes.errorReply("r", "HANDLER_ERROR", "IllegalStateException: boom");
    server.stubFor(any(anyUrl()).willReturn(aResponse().withBody(error)));

    byte[] got = invoker().invoke(invocation(15_000)).get(30, TimeUnit.SECONDS);

    assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(error);
  }

  @Test
  void refusedConnectionSaysTheFunctionDidNotRun() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    FunctionInvoker invoker = provider.invoker(
        FunctionRef.of("http", "http://127.0.0.1:" + port + "/f"));

    FunctionException e = Outcomes.failure(invoker.invoke(invocation(15_000)));

    assertThat(e).isInstanceOf(FunctionTransportException.class);
    assertThat(e.mayHaveRun()).isFalse();
  }

  @Test
  void aPassedDeadlineFailsWithoutSending() {
    FunctionException e = Outcomes.failure(invoker().invoke(invocation(-1)));

    assertThat(e).isInstanceOf(FunctionTimeoutException.class);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void anOversizeEnvelopeIsRefusedWithoutSending() {
    provider.close();
    provider = HttpFunctionProvider.builder().maxRequestBytes(64).build();
    Invocation big = invocation(15_000);

    FunctionException e = Outcomes.failure(invoker().invoke(big));

    assertThat(e).isInstanceOf(PayloadTooLargeException.class);
    assertThat(((PayloadTooLargeException) e).payloadBytes()).isEqualTo(big.payload().length);
    assertThat(((PayloadTooLargeException) e).limitBytes()).isEqualTo(64);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aFailingHeaderSupplierFailsWithoutSending() {
    provider.close();
    provider = HttpFunctionProvider.builder()
        .headers(() -> {
          throw new IllegalStateException("token service down");
        })
        .build();

    FunctionException e = Outcomes.failure(invoker().invoke(invocation(15_000)));

    assertThat(e).isInstanceOf(FunctionTransportException.class)
        .hasMessageContaining("token service down");
    assertThat(e.mayHaveRun()).isFalse();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBadHeaderFromTheSupplierFailsWithoutSending() {
    provider.close();
    provider = HttpFunctionProvider.builder().headers(() -> Map.of("Bad Name", "x")).build();

    FunctionException e = Outcomes.failure(invoker().invoke(invocation(15_000)));

    assertThat(e).isInstanceOf(FunctionTransportException.class);
    assertThat(e.mayHaveRun()).isFalse();
  }

  private FunctionInvoker invoker() {
    return provider.invoker(FunctionRef.of("http", server.baseUrl() + "/f"));
  }

  private static Invocation invocation(long millisToDeadline) {
    long deadline = System.currentTimeMillis() + millisToDeadline;
    return new Invocation("r", "svc", Envelopes.request("r", "svc", Math.max(1, deadline), "{\"a\":1}"),
        deadline, false);
  }
}
