package io.spillover.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.Echo;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FunctionAppTest {
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger runs = new AtomicInteger();
  private final FunctionApp app = FunctionApp.builder()
      .clock(clock)
      .handle("echo", Echo.class, Echo.class, e -> {
        runs.incrementAndGet();
        if ("boom".equals(e.text)) {
          throw new IllegalStateException("secret detail");
        }
        return Echo.of("re:" + e.text);
      })
      .handle("upper", Echo.class, Echo.class, e -> Echo.of(e.text.toUpperCase()))
      .build();

  private byte[] request(String id, String svc, String body, long deadline) {
    return EnvelopeFormat.encodeRequest(new RequestEnvelope(id, svc, deadline, null, false,
        body.getBytes(StandardCharsets.UTF_8), null, null), true);
  }

  private long future() {
    return clock.epochMillis() + 10_000;
  }

  private ResponseEnvelope dispatch(byte[] bytes) {
    return EnvelopeFormat.decodeResponse(app.dispatch(bytes));
  }

  @Test
  void servesManyServicesInOneDeployment() {
    ResponseEnvelope a = dispatch(request("1", "echo", "{\"text\":\"hi\"}", future()));
    ResponseEnvelope b = dispatch(request("2", "upper", "{\"text\":\"hi\"}", future()));
    assertThat(a.ok).isTrue();
    assertThat(new String(a.body, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"re:hi\"}");
    assertThat(new String(b.body, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"HI\"}");
    assertThat(app.services()).containsExactly("echo", "upper");
  }

  @Test
  void onlyTheFirstReplyOfAnInstanceIsCold() {
    assertThat(dispatch(request("1", "echo", "{\"text\":\"a\"}", future())).cold).isTrue();
    assertThat(dispatch(request("2", "echo", "{\"text\":\"b\"}", future())).cold).isFalse();
  }

  @Test
  void aDuplicateRequestIdGetsTheFirstReplyWithoutASecondRun() {
    byte[] req = request("same", "echo", "{\"text\":\"a\"}", future());
    ResponseEnvelope first = dispatch(req);
    ResponseEnvelope again = dispatch(req);
    assertThat(runs).hasValue(1);
    assertThat(again.body).isEqualTo(first.body);
  }

  @Test
  void badInputGetsTypedErrorEnvelopes() {
    assertThat(error(app.dispatch(null))).isEqualTo("MALFORMED");
    assertThat(error(app.dispatch(new byte[0]))).isEqualTo("MALFORMED");
    assertThat(error(app.dispatch("not json".getBytes()))).isEqualTo("MALFORMED");
    assertThat(error(app.dispatch("{\"v\":2,\"id\":\"x\"}".getBytes()))).isEqualTo("MALFORMED");
    assertThat(error(app.dispatch("{\"v\":2,\"id\":\"x\",\"svc\":\"echo\"}".getBytes())))
        .isEqualTo("MALFORMED");
    assertThat(error(app.dispatch("{\"v\":1,\"id\":\"x\",\"svc\":\"echo\"}".getBytes())))
        .isEqualTo("UNSUPPORTED_VERSION");
    assertThat(error(app.dispatch("[1,2]".getBytes()))).isEqualTo("MALFORMED");
    assertThat(error(app.dispatch(request("1", "nope", "{}", future()))))
        .isEqualTo("UNKNOWN_SERVICE");
    assertThat(error(app.dispatch(request("2", "echo", "[1]", future()))))
        .isEqualTo("BAD_REQUEST");
    assertThat(runs).hasValue(0);
  }

  @Test
  void anExpiredDeadlineDoesNotRun() {
    long deadline = clock.epochMillis() + 100;
    clock.advance(Duration.ofMillis(101));
    assertThat(error(app.dispatch(request("1", "echo", "{\"text\":\"a\"}", deadline))))
        .isEqualTo("DEADLINE_EXPIRED");
    assertThat(runs).hasValue(0);
  }

  @Test
  void handlerErrorsCarryNoStackTrace() {
    ResponseEnvelope r = dispatch(request("1", "echo", "{\"text\":\"boom\"}", future()));
    assertThat(r.errorType).isEqualTo("HANDLER_ERROR");
    assertThat(r.errorMessage).isEqualTo("IllegalStateException: secret detail");
  }

  @Test
  void warmUpPingsRunNoHandler() {
    byte[] ping = EnvelopeFormat.encodeRequest(new RequestEnvelope("p", "echo", future(), null,
        true, null, null, null), true);
    ResponseEnvelope r = dispatch(ping);
    assertThat(r.ok).isTrue();
    assertThat(r.cold).isTrue();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aFullReplayCacheForgetsTheOldestIdAndNeverRefusesWork() {
    AtomicInteger smallRuns = new AtomicInteger();
    FunctionApp small = FunctionApp.builder().clock(clock).replayCacheSize(2)
        .handle("echo", Echo.class, Echo.class, e -> {
          smallRuns.incrementAndGet();
          return e;
        }).build();
    for (String id : new String[] {"1", "2", "3"}) {
      assertThat(EnvelopeFormat.decodeResponse(small.dispatch(
          request(id, "echo", "{\"text\":\"a\"}", future()))).ok).isTrue();
    }
    small.dispatch(request("3", "echo", "{\"text\":\"a\"}", future())); // still remembered
    assertThat(smallRuns).hasValue(3);
    small.dispatch(request("1", "echo", "{\"text\":\"a\"}", future())); // forgotten: runs
    assertThat(smallRuns).hasValue(4);
  }

  @Test
  void sealedOnlyServicesRefusePlainEnvelopes() {
    FunctionApp sealed = FunctionApp.builder().clock(clock).sealedCallOpener(new StubOpener())
        .handle("secret", Echo.class, Echo.class, e -> e).sealedOnly("secret").build();
    assertThat(error(sealed.dispatch(request("1", "secret", "{\"text\":\"a\"}", future()))))
        .isEqualTo("SEALING_REQUIRED");
    ResponseEnvelope r = EnvelopeFormat.decodeResponse(sealed.dispatch(
        StubOpener.request("2", "secret", future(), true, "{\"text\":\"a\"}")));
    assertThat(StubOpener.reply(r).body()).isEqualTo("{\"text\":\"a\"}".getBytes());
    byte[] bad = EnvelopeFormat.encodeRequest(new RequestEnvelope("3", "secret", future(), null,
        false, null, "forged", "{}".getBytes()), true);
    assertThat(error(sealed.dispatch(bad))).isEqualTo("SEALING_REJECTED");
  }

  @Test
  void aHandlerErrorBecomesAnErrorEnvelopeAndItsDuplicatesGetItAtOnce() {
    AtomicInteger errorRuns = new AtomicInteger();
    FunctionApp failing = FunctionApp.builder().clock(clock)
        .handle("assert", Echo.class, Echo.class, e -> {
          errorRuns.incrementAndGet();
          throw new AssertionError("invariant broken for " + e.text);
        })
        .handle("recurse", Echo.class, Echo.class, e -> {
          errorRuns.incrementAndGet();
          throw new StackOverflowError();
        }).build();
    for (String svc : new String[] {"assert", "recurse"}) {
      byte[] req = request("id-" + svc, svc, "{\"text\":\"a\"}", future());
      ResponseEnvelope first = EnvelopeFormat.decodeResponse(failing.dispatch(req));
      assertThat(first.errorType).as(svc).isEqualTo("HANDLER_ERROR");
      ResponseEnvelope again = EnvelopeFormat.decodeResponse(failing.dispatch(req));
      assertThat(again.errorType).as(svc + ": the duplicate gets the first reply")
          .isEqualTo("HANDLER_ERROR");
      assertThat(again.errorMessage).isEqualTo(first.errorMessage);
    }
    assertThat(errorRuns).hasValue(2);
  }

  @Test
  void outOfMemoryGivesTheInstanceUpButItsDuplicatesAreAnswered() {
    FunctionApp starving = FunctionApp.builder().clock(clock)
        .handle("big", Echo.class, Echo.class, e -> {
          throw new OutOfMemoryError("Java heap space");
        }).build();
    // a short deadline: without the fix the duplicate would wait for it, then expire
    byte[] req = request("big-1", "big", "{\"text\":\"a\"}", clock.epochMillis() + 2_000);
    assertThatThrownBy(() -> starving.dispatch(req)).isInstanceOf(OutOfMemoryError.class);
    assertThat(error(starving.dispatch(req))).isEqualTo("HANDLER_ERROR");
  }

  @Test
  void aRequestIdIsRememberedPerServiceNotAlone() {
    ResponseEnvelope echo = dispatch(request("shared-id", "echo", "{\"text\":\"a\"}", future()));
    ResponseEnvelope upper = dispatch(request("shared-id", "upper", "{\"text\":\"a\"}",
        future()));
    assertThat(new String(echo.body, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"re:a\"}");
    assertThat(new String(upper.body, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"A\"}");
  }

  @Test
  void aForgedSealedCallCannotClaimTheRequestIdOfTheRealOne() {
    AtomicInteger secretRuns = new AtomicInteger();
    FunctionApp sealed = FunctionApp.builder().clock(clock).sealedCallOpener(new StubOpener())
        .handle("secret", Echo.class, Echo.class, e -> {
          secretRuns.incrementAndGet();
          return Echo.of("ran:" + e.text);
        }).sealedOnly("secret").build();
    byte[] forged = EnvelopeFormat.encodeRequest(new RequestEnvelope("victim-id", "secret",
        future(), null, false, null, "forged", "{}".getBytes()), true);
    assertThat(error(sealed.dispatch(forged))).isEqualTo("SEALING_REJECTED");
    ResponseEnvelope real = EnvelopeFormat.decodeResponse(sealed.dispatch(
        StubOpener.request("victim-id", "secret", future(), true, "{\"text\":\"a\"}")));
    assertThat(StubOpener.reply(real).ok()).as("the real call ran").isTrue();
    assertThat(secretRuns).hasValue(1);
  }

  @Test
  void theBuilderValidates() {
    assertThatThrownBy(() -> FunctionApp.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FunctionApp.builder().handle("bad name", Echo.class, Echo.class, e -> e))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FunctionApp.builder().handle("a", Echo.class, Echo.class, e -> e)
        .handle("a", Echo.class, Echo.class, e -> e)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FunctionApp.builder().handle("a", Echo.class, Echo.class, e -> e)
        .sealedOnly("a").build()).isInstanceOf(IllegalStateException.class);
  }

  private static String error(byte[] reply) {
    ResponseEnvelope r = EnvelopeFormat.decodeResponse(reply);
    assertThat(r.ok).isFalse();
    return r.errorType;
  }
}
