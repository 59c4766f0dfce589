package io.spillover.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.Echo;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.wire.SealedFrames;
import io.spillover.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The function side's rules for sealed calls: every reply after the call opened is sealed, errors
 * included; a call not marked idempotent runs only under a replay guard shared by the instances,
 * which must answer "first seen" and fails closed.
 */
class SealedDispatchTest {
  private static final String SSN = "078-05-1120";
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger runs = new AtomicInteger();

  private FunctionApp.Builder app() {
    return FunctionApp.builder().clock(clock).sealedCallOpener(new StubOpener())
        .handle("secret", Echo.class, Echo.class, e -> {
          runs.incrementAndGet();
          if (e.text.startsWith("boom")) {
            throw new IllegalArgumentException("bad record for " + e.text);
          }
          return Echo.of("ran:" + e.text);
        }).sealedOnly("secret");
  }

  /** A request type the canary does not decode into. */
  public static final class Tally {
    public int n;
  }

  private long future() {
    return clock.epochMillis() + 10_000;
  }

  private static ResponseEnvelope send(FunctionApp app, String id, String svc, boolean idempotent,
      String json, long deadline) {
    byte[] reply = app.dispatch(StubOpener.request(id, svc, deadline, idempotent, json));
    assertThat(new String(reply, StandardCharsets.UTF_8)).as("nothing of the call in clear")
        .doesNotContain(SSN).doesNotContain("bad record").doesNotContain("\"error\"");
    return EnvelopeFormat.decodeResponse(reply);
  }

  private static String errorType(ResponseEnvelope r) {
    SealedFrames.Reply reply = StubOpener.reply(r);
    assertThat(reply.ok()).isFalse();
    return reply.errorType();
  }

  @Test
  void aCallerAwareHandlerIsToldTheCallerTheSessionProvedAndNoCallerForAPlainCall() {
    List<Optional<String>> seen = new CopyOnWriteArrayList<>();
    FunctionApp app = FunctionApp.builder().clock(clock).sealedCallOpener(new StubOpener())
        .handleWithCaller("who", Echo.class, Echo.class, (e, caller) -> {
          seen.add(caller);
          return Echo.of(caller.orElse("nobody") + ":" + e.text);
        }).build();
    SealedFrames.Reply sealed = StubOpener.reply(send(app, "1", "who", true, "{\"text\":\"x\"}",
        future()));
    assertThat(new String(sealed.body(), StandardCharsets.UTF_8)).contains("caller-a:x");
    byte[] plain = app.dispatch(EnvelopeFormat.encodeRequest(new RequestEnvelope("2", "who",
        future(), null, false, "{\"text\":\"y\"}".getBytes(StandardCharsets.UTF_8), null, null),
        true));
    assertThat(new String(plain, StandardCharsets.UTF_8)).contains("nobody:y");
    assertThat(seen).containsExactly(Optional.of("caller-a"), Optional.empty());
  }

  @Test
  void everyErrorAfterTheCallOpenedIsSealedToTheCaller() {
    FunctionApp app = app().handle("tally", Tally.class, Tally.class, t -> t).build();
    ResponseEnvelope thrown = send(app, "1", "secret", true, "{\"text\":\"boom " + SSN + "\"}",
        future());
    SealedFrames.Reply inside = StubOpener.reply(thrown);
    assertThat(inside.errorType()).isEqualTo("HANDLER_ERROR");
    assertThat(inside.errorMessage()).contains(SSN); // for the caller's eyes only
    SealedFrames.Reply undecodable = StubOpener.reply(send(app, "2", "tally", true,
        "{\"n\":\"" + SSN + "\"}", future()));
    assertThat(undecodable.errorType()).isEqualTo("BAD_REQUEST");
    assertThat(undecodable.errorMessage()).contains(SSN); // the decoder quotes it: sealed
    assertThat(errorType(send(app, "3", "nope", true, "{\"text\":\"" + SSN + "\"}", future())))
        .isEqualTo("UNKNOWN_SERVICE");
    long past = clock.epochMillis() - 1;
    assertThat(errorType(send(app, "4", "secret", true, "{\"text\":\"" + SSN + "\"}", past)))
        .isEqualTo("DEADLINE_EXPIRED");
  }

  @Test
  void aCallNotMarkedIdempotentIsRefusedWithoutASharedReplayGuard() {
    FunctionApp app = app().build();
    assertThat(errorType(send(app, "1", "secret", false, "{\"text\":\"" + SSN + "\"}", future())))
        .isEqualTo("REPLAY_UNGUARDED");
    assertThat(runs).hasValue(0);
    assertThat(StubOpener.reply(send(app, "2", "secret", true, "{\"text\":\"a\"}", future())).ok())
        .isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aSharedGuardRunsACallOnceAcrossInstances() {
    ReplayGuard shared = ReplayGuard.inMemory(100, clock);
    FunctionApp first = app().sharedReplayGuard(shared).build();
    FunctionApp second = app().sharedReplayGuard(shared).build();
    long deadline = future();
    assertThat(StubOpener.reply(send(first, "once", "secret", false, "{\"text\":\"a\"}", deadline))
        .ok()).isTrue();
    assertThat(errorType(send(second, "once", "secret", false, "{\"text\":\"a\"}", deadline)))
        .isEqualTo("REPLAYED");
    assertThat(runs).hasValue(1);
    // the same instance answers a duplicate with the first reply, the guard not asked again
    assertThat(StubOpener.reply(send(first, "once", "secret", false, "{\"text\":\"a\"}", deadline))
        .body()).isEqualTo("{\"text\":\"ran:a\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(runs).hasValue(1);
  }

  @Test
  void aGuardThatCannotAnswerRefusesTheCall() {
    FunctionApp full = app().sharedReplayGuard(ReplayGuard.inMemory(1, clock)).build();
    assertThat(StubOpener.reply(send(full, "a", "secret", false, "{\"text\":\"a\"}", future()))
        .ok()).isTrue();
    assertThat(errorType(send(full, "b", "secret", false, "{\"text\":\"b\"}", future())))
        .isEqualTo("REPLAY_GUARD_UNAVAILABLE");
    FunctionApp broken = app().sharedReplayGuard((svc, caller, id, until) -> {
      throw new IllegalStateException("store unreachable");
    }).build();
    assertThat(errorType(send(broken, "c", "secret", false, "{\"text\":\"c\"}", future())))
        .isEqualTo("REPLAY_GUARD_UNAVAILABLE");
    FunctionApp silent = app().sharedReplayGuard((svc, caller, id, until) -> null).build();
    assertThat(errorType(send(silent, "d", "secret", false, "{\"text\":\"d\"}", future())))
        .isEqualTo("REPLAY_GUARD_UNAVAILABLE");
    assertThat(runs).hasValue(1);
  }

  @Test
  void refusalsBeforeTheCallOpensCarryAFixedText() {
    FunctionApp app = app().build();
    byte[] forged = StubOpener.request("f", "secret", future(), false, "{\"text\":\"" + SSN
        + "\"}");
    String wire = new String(forged, StandardCharsets.UTF_8).replace("\"good\"", "\"bad\"");
    ResponseEnvelope r = EnvelopeFormat.decodeResponse(app.dispatch(
        wire.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.errorType).isEqualTo("SEALING_REJECTED");
    assertThat(r.errorMessage).isEqualTo("sealed call refused");
    FunctionApp none = FunctionApp.builder().clock(clock)
        .handle("secret", Echo.class, Echo.class, e -> e).build();
    ResponseEnvelope noOpener = EnvelopeFormat.decodeResponse(none.dispatch(forged));
    assertThat(noOpener.errorType).isEqualTo("SEALING_REJECTED");
    assertThat(noOpener.errorMessage).isEqualTo("this function accepts no sealed calls");
    ResponseEnvelope malformed = EnvelopeFormat.decodeResponse(app.dispatch(
        ("{\"v\":2,\"id\":\"x\",\"svc\":\"secret\",\"deadline\":1,\"sealed\":{\"session\":\"good\","
            + "\"ct\":\"" + SSN + "\"}}").getBytes(StandardCharsets.UTF_8)));
    assertThat(malformed.errorType).isEqualTo("MALFORMED");
    assertThat(malformed.errorMessage).doesNotContain(SSN);
    assertThat(runs).hasValue(0);
  }
}
