package io.spillover.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.Echo;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.wire.SealedFrames;
import io.spillover.seal.SealedCallOpener;
import io.spillover.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A request id is chosen by its caller, so it says nothing about another caller's calls: one
 * tenant sending a sealed call under the id of another tenant's call must not get that call
 * refused as {@code REPLAYED}, neither by the shared guard nor by an instance's replay cache.
 */
class ReplayAcrossCallersTest {
  private final ManualClock clock = new ManualClock();
  private final List<String> ran = new CopyOnWriteArrayList<>();

  /** Opens a call whose session names its caller; "sealing" XORs like {@link StubOpener}. */
  private static final SealedCallOpener SESSION_IS_CALLER = (svc, id, deadline, session, ct) ->
      new SealedCallOpener.OpenedCall() {
        @Override public byte[] body() {
          return StubOpener.xor(ct);
        }

        @Override public String caller() {
          return session;
        }

        @Override public byte[] sealReply(byte[] reply) {
          return StubOpener.xor(reply);
        }
      };

  private FunctionApp instance(ReplayGuard shared) {
    return FunctionApp.builder().clock(clock).sealedCallOpener(SESSION_IS_CALLER)
        .handleWithCaller("pay", Echo.class, Echo.class, (e, caller) -> {
          ran.add(caller.orElseThrow() + ":" + e.text);
          return Echo.of("paid " + e.text);
        }).sealedOnly("pay").sharedReplayGuard(shared).build();
  }

  private byte[] call(String caller, String id, String text) {
    byte[] frame = SealedFrames.request(false,
        ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
    return EnvelopeFormat.encodeRequest(new RequestEnvelope(id, "pay",
        clock.epochMillis() + 10_000, null, false, null, caller, StubOpener.xor(frame)), true);
  }

  private static SealedFrames.Reply open(byte[] reply) {
    return StubOpener.reply(EnvelopeFormat.decodeResponse(reply));
  }

  @Test
  void anotherCallersCallUnderTheSameIdDoesNotBlockTheRealOne() {
    ReplayGuard shared = ReplayGuard.inMemory(100, clock);
    FunctionApp one = instance(shared);
    FunctionApp two = instance(shared);
    // mallory learns (or guesses) alice's next request id and spends it first
    assertThat(open(one.dispatch(call("mallory", "r-42", "junk"))).ok()).isTrue();
    SealedFrames.Reply alice = open(two.dispatch(call("alice", "r-42", "rent")));
    assertThat(alice.ok()).as("alice's call runs: %s", alice.errorType()).isTrue();
    // and on the instance that saw mallory's call too
    SealedFrames.Reply bob = open(one.dispatch(call("bob", "r-42", "fee")));
    assertThat(bob.ok()).as("bob's call runs: %s", bob.errorType()).isTrue();
    assertThat(ran).containsExactly("mallory:junk", "alice:rent", "bob:fee");
  }

  @Test
  void theSameCallerReplayingItsCallToAnotherInstanceIsStillRefused() {
    ReplayGuard shared = ReplayGuard.inMemory(100, clock);
    FunctionApp one = instance(shared);
    FunctionApp two = instance(shared);
    byte[] captured = call("alice", "r-7", "rent");
    assertThat(open(one.dispatch(captured)).ok()).isTrue();
    SealedFrames.Reply replayed = open(two.dispatch(captured));
    assertThat(replayed.ok()).isFalse();
    assertThat(replayed.errorType()).isEqualTo(FunctionErrorType.REPLAYED.name());
    assertThat(ran).containsExactly("alice:rent");
  }
}
