package io.spillover.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.function.FunctionApp;
import io.spillover.testing.Envelopes;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Lambda adapter driven as the Java runtime drives a RequestStreamHandler. */
class SpilloverLambdaHandlerTest {
  record Post(String text) {}

  record Posted(int length) {}

  static final AtomicInteger BUILT = new AtomicInteger();

  /** What a user deploys: a no-argument subclass whose app is built on the first request. */
  public static final class Handler extends SpilloverLambdaHandler {
    public Handler() {
      super(() -> {
        BUILT.incrementAndGet();
        return app();
      });
    }
  }

  static FunctionApp app() {
    return FunctionApp.builder()
        .handle("compose-post", Post.class, Posted.class, p -> new Posted(p.text().length()))
        .build();
  }

  @Test
  void anEnvelopeRunsAndItsReplyIsTheResult() throws IOException {
    long deadline = System.currentTimeMillis() + 15_000;
    byte[] request = Envelopes.request("id-1", "compose-post", deadline, "{\"text\":\"hello\"}");

    ResponseEnvelope reply = run(new SpilloverLambdaHandler(app()), request);

    assertThat(reply.ok).isTrue();
    assertThat(reply.id).isEqualTo("id-1");
    assertThat(reply.cold).isTrue();
    assertThat(new String(reply.body, StandardCharsets.UTF_8)).isEqualTo("{\"length\":5}");
  }

  @Test
  void malformedInputGetsAnErrorEnvelopeNotAnException() throws IOException {
    SpilloverLambdaHandler handler = new SpilloverLambdaHandler(app());

    for (String bad : new String[] {"", "not json", "{\"v\":2}", "[1,2]", "{\"v\":2.0,\"id\":\"x\"}",
        "{\"v\":2,\"id\":\"x\",\"svc\":\"compose-post\",\"deadline\":1,\"body\":{}"}) {
      ResponseEnvelope reply = run(handler, bad.getBytes(StandardCharsets.UTF_8));
      assertThat(reply.ok).as(bad).isFalse();
      assertThat(reply.errorType).as(bad).isEqualTo("MALFORMED");
    }
    ResponseEnvelope other = run(handler, "{\"v\":99,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(other.errorType).isEqualTo("UNSUPPORTED_VERSION");
  }

  @Test
  void aBodyThatDoesNotFitTheServiceIsABadRequestEnvelope() throws IOException {
    long deadline = System.currentTimeMillis() + 15_000;
    byte[] request = Envelopes.request("id-2", "compose-post", deadline, "{\"text\":[1]}");

    ResponseEnvelope reply = run(new SpilloverLambdaHandler(app()), request);

    assertThat(reply.errorType).isEqualTo("BAD_REQUEST");
  }

  @Test
  void theSubclassBuildsItsAppOnTheFirstRequestOnly() throws IOException {
    int before = BUILT.get();
    Handler handler = new Handler();
    assertThat(BUILT.get()).isEqualTo(before); // nothing built during init (SnapStart-safe)

    long deadline = System.currentTimeMillis() + 15_000;
    run(handler, Envelopes.request("a", "compose-post", deadline, "{\"text\":\"x\"}"));
    ResponseEnvelope second =
        run(handler, Envelopes.request("b", "compose-post", deadline, "{\"text\":\"yy\"}"));

    assertThat(BUILT.get()).isEqualTo(before + 1);
    assertThat(second.ok).isTrue();
    assertThat(second.cold).isFalse();
  }

  @Test
  void aFailingFactoryFailsTheInvocationAndIsRetriedOnTheNext() throws IOException {
    AtomicInteger attempts = new AtomicInteger();
    SpilloverLambdaHandler handler = new SpilloverLambdaHandler(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("config missing");
      }
      return app();
    });
    byte[] request = Envelopes.request("c", "compose-post", System.currentTimeMillis() + 5000,
        "{\"text\":\"x\"}");

    assertThatThrownBy(() -> run(handler, request)).hasMessage("config missing");
    assertThat(run(handler, request).ok).isTrue();
    assertThat(attempts.get()).isEqualTo(2);
  }

  static ResponseEnvelope run(SpilloverLambdaHandler handler, byte[] input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(input), out, new FakeContext("aws-req-1"));
    return EnvelopeFormat.decodeResponse(out.toByteArray());
  }
}
