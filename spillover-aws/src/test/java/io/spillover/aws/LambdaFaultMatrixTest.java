package io.spillover.aws;

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
import io.spillover.function.FunctionInvoker;
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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Each Lambda fault, from the network or from the Invoke API, ends in its typed outcome. */
class LambdaFaultMatrixTest {
  private WireMockServer server;
  private LambdaProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    provider = builder().build();
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop();
  }

  private LambdaProvider.Builder builder() {
    return LambdaProvider.builder().region("us-east-1").endpointOverride(server.baseUrl())
        .credentials("AKIDEXAMPLE", "secret");
  }

  static ResponseDefinitionBuilder lambdaError(int status, String type, String message) {
    return aResponse().withStatus(status)
        .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.coral.service/")
        .withHeader("x-amzn-RequestId", "0f1e2d3c")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"Type\":\"User\",\"message\":\"" + message + "\"}");
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            FunctionTransportException.class, true),
        Arguments.of("empty reply", aResponse().withFault(Fault.EMPTY_RESPONSE),
            FunctionTransportException.class, true),
        Arguments.of("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
            FunctionTransportException.class, true),
        Arguments.of("200 with a body that is no envelope", aResponse().withBody("null"),
            FunctionTransportException.class, true),
        Arguments.of("200 with an empty body", aResponse().withStatus(200),
            FunctionTransportException.class, true),
        Arguments.of("200 with an envelope of version 1.9", aResponse().withBody(
            Envelopes.okReply("r", "1").replace("\"v\":2", "\"v\":1.9")),
            FunctionTransportException.class, true),
        Arguments.of("200 with a duplicate key", aResponse().withBody(
            Envelopes.okReply("r", "1").replace("\"ok\":true", "\"ok\":true,\"ok\":true")),
            FunctionTransportException.class, true),
        Arguments.of("200 with data after the envelope", aResponse().withBody(
            Envelopes.okReply("r", "1") + "{}"), FunctionTransportException.class, true),
        Arguments.of("429 TooManyRequestsException",
            lambdaError(429, "TooManyRequestsException", "Rate Exceeded."),
            FunctionThrottledException.class, false),
        Arguments.of("502 EC2ThrottledException",
            lambdaError(502, "EC2ThrottledException", "throttled by EC2"),
            FunctionThrottledException.class, false),
        Arguments.of("413 RequestTooLargeException",
            lambdaError(413, "RequestTooLargeException", "Request must be smaller than 6291456 bytes"),
            PayloadTooLargeException.class, false),
        Arguments.of("500 ServiceException", lambdaError(500, "ServiceException", "internal"),
            FunctionTransportException.class, true),
        Arguments.of("502 ResourceNotReadyException",
            lambdaError(502, "ResourceNotReadyException", "Functions are still being created"),
            FunctionTransportException.class, false),
        Arguments.of("502 from a proxy, no Lambda error", aResponse().withStatus(502),
            FunctionTransportException.class, true),
        Arguments.of("404 ResourceNotFoundException",
            lambdaError(404, "ResourceNotFoundException", "Function not found"),
            FunctionTransportException.class, false),
        Arguments.of("403 InvalidSignatureException",
            lambdaError(403, "InvalidSignatureException", "bad signature"),
            FunctionTransportException.class, false),
        Arguments.of("408 SnapStartTimeoutException",
            lambdaError(408, "SnapStartTimeoutException", "restore timed out"),
            FunctionTimeoutException.class, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void faultEndsInItsTypedOutcome(String name, ResponseDefinitionBuilder reply,
      Class<? extends FunctionException> expected, boolean mayHaveRun) {
    server.stubFor(any(anyUrl()).willReturn(reply));

    FunctionException e = Outcomes.failure(invoke(15_000));
    FunctionException blocking = invokeBlockingFailure(15_000);

    assertThat(e).isInstanceOf(expected);
    assertThat(e.mayHaveRun()).isEqualTo(mayHaveRun);
    assertThat(blocking).as("invokeBlocking fails the same way").isInstanceOf(expected);
    assertThat(blocking.mayHaveRun()).isEqualTo(mayHaveRun);
    assertThat(blocking.getMessage()).isEqualTo(e.getMessage());
  }

  @Test
  void aReplySlowerThanTheDeadlineTimesOut() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3000)
        .withBody(Envelopes.okReply("r", "1"))));

    FunctionException e = Outcomes.failure(invoke(500));

    assertThat(e).isInstanceOf(FunctionTimeoutException.class).hasMessageContaining("within");
    assertThat(e.mayHaveRun()).isTrue();
    assertThat(invokeBlockingFailure(500)).isInstanceOf(FunctionTimeoutException.class)
        .hasMessageContaining("within");
  }

  @Test
  void aFunctionErrorCarriesLambdasTypeAndMessage() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("X-Amz-Function-Error", "Unhandled")
        .withBody("{\"errorMessage\":\"index 3 out of bounds\","
            + "\"errorType\":\"java.lang.ArrayIndexOutOfBoundsException\"}")));

    FunctionErrorException e = (FunctionErrorException) Outcomes.failure(invoke(15_000));

    assertThat(e.type()).isEqualTo("java.lang.ArrayIndexOutOfBoundsException");
    assertThat(e).hasMessageContaining("index 3 out of bounds");
  }

  @Test
  void aTimedOutFunctionIsAFunctionErrorEvenWithoutAnErrorType() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("X-Amz-Function-Error", "Unhandled")
        .withBody("{\"errorMessage\":\"2025-01-02T03:04:05Z 1a2b Task timed out after 3.00 seconds\"}")));

    FunctionErrorException e = (FunctionErrorException) Outcomes.failure(invoke(15_000));

    assertThat(e.type()).isEqualTo("Lambda.Unhandled");
    assertThat(e).hasMessageContaining("Task timed out");
  }

  @Test
  void throttlingSaysWhyAndWhichRequest() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429)
        .withHeader("x-amzn-RequestId", "0f1e2d3c")
        .withBody("{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\","
            + "\"Type\":\"User\",\"message\":\"Rate Exceeded.\","
            + "\"__type\":\"com.amazonaws.lambda#TooManyRequestsException\"}")));

    FunctionException e = Outcomes.failure(invoke(15_000));

    assertThat(e).isInstanceOf(FunctionThrottledException.class)
        .hasMessageContaining("TooManyRequestsException")
        .hasMessageContaining("ReservedFunctionConcurrentInvocationLimitExceeded")
        .hasMessageContaining("0f1e2d3c");
  }

  @Test
  void anErrorEnvelopeIsAReplyTheCoreDecodes() throws Exception {
    String error = Envelopes.errorReply("r", "BAD_REQUEST", "no field text");
    server.stubFor(any(anyUrl()).willReturn(aResponse().withBody(error)));

    byte[] reply = invoke(15_000).get(30, TimeUnit.SECONDS);

    assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo(error);
  }

  @Test
  void anEnvelopeAboveTheSynchronousLimitIsRefusedWithoutSending() {
    long deadline = System.currentTimeMillis() + 15_000;
    byte[] big = new byte[LambdaProvider.MAX_SYNC_PAYLOAD_BYTES + 1];

    FunctionException e = Outcomes.failure(invoker().invoke(
        new Invocation("r", "svc", big, deadline, false)));

    assertThat(e).isInstanceOf(PayloadTooLargeException.class);
    assertThat(((PayloadTooLargeException) e).limitBytes()).isEqualTo(6 * 1024 * 1024);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void missingCredentialsFailWithoutSending() {
    provider.close();
    AwsCredentialsProvider broken = () -> {
      throw new IllegalStateException("Unable to load credentials from any of the providers");
    };
    provider = builder().credentialsProvider(broken).build();

    FunctionException e = Outcomes.failure(invoke(15_000));

    assertThat(e).isInstanceOf(FunctionTransportException.class)
        .hasMessageContaining("Unable to load credentials");
    assertThat(e.mayHaveRun()).isFalse();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  private FunctionInvoker invoker() {
    return provider.invoker(FunctionRef.of("lambda", "fn:live"));
  }

  private FunctionException invokeBlockingFailure(long millisToDeadline) {
    long deadline = System.currentTimeMillis() + millisToDeadline;
    try {
      byte[] reply = invoker().invokeBlocking(new Invocation("r", "svc",
          Envelopes.request("r", "svc", deadline, "{\"a\":1}"), deadline, false));
      throw new AssertionError("expected a failure, got " + reply.length + " bytes");
    } catch (FunctionException e) {
      return e;
    }
  }

  private CompletableFuture<byte[]> invoke(long millisToDeadline) {
    long deadline = System.currentTimeMillis() + millisToDeadline;
    return invoker().invoke(new Invocation("r", "svc",
        Envelopes.request("r", "svc", deadline, "{\"a\":1}"), deadline, false));
  }
}
