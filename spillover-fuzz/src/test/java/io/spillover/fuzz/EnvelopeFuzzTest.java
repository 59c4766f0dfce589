package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.CallOptions;
import io.spillover.SpilloverException;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.limit.Limits;
import io.spillover.seal.SealedCallOpener;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The wire envelope from both ends. A function side given any bytes answers with an error
 * envelope and never throws (nor runs the handler on a malformed call); a caller given any reply
 * bytes ends the call in a result or a {@link SpilloverException}. Sealed frames go through a
 * stand-in opener that XORs, so the fuzzer reaches the frame parser inside.
 */
class EnvelopeFuzzTest {
  /** Holds the reply the next invocation gets. */
  private static volatile byte[] nextReply = new byte[0];

  private static final SealedCallOpener XOR_OPENER = (svc, id, deadline, session, ct) ->
      new SealedCallOpener.OpenedCall() {
        @Override public byte[] body() {
          return xor(ct);
        }

        @Override public String caller() {
          return session;
        }

        @Override public byte[] sealReply(byte[] reply) {
          return xor(reply);
        }
      };

  private static final FunctionApp APP = FunctionApp.builder().sealedCallOpener(XOR_OPENER)
      .handle("echo", Text.class, Text.class, t -> t).build();

  private static final SpilloverRegistry REGISTRY = SpilloverRegistry.builder()
      .provider(new ReplyingProvider()).tickInterval(Duration.ZERO)
      .callSealer(t -> Optional.of(new XorChannel())).build();

  /** Limit 1, no wait: a call made while another holds the permit spills at once. */
  private static final Spillway<Text, Text> SPILLWAY = REGISTRY.spillway("echo",
      SpillwayConfig.custom().limit(Limits.fixed(1)).function(FunctionRef.of("fuzz", "twin"))
          .maxWait(Duration.ZERO).retry(1, Duration.ofMillis(1)).idempotent(true).build(),
      Text.class, Text.class);

  /** The request and reply type. */
  public static final class Text {
    public String text;
  }

  static byte[] xor(byte[] in) {
    byte[] out = in.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] ^= 0x5a;
    }
    return out;
  }

  @Fuzz
  void aFunctionSideAnswersAnyRequestBytesWithAnEnvelope(byte[] data) {
    byte[] reply = APP.dispatch(data);
    assertThat(reply).isNotEmpty();
  }

  @Fuzz
  void aCallerEndsAnyReplyInAResultOrATypedException(byte[] data) {
    nextReply = data;
    for (CallOptions o : new CallOptions[] {CallOptions.builder().build(),
        CallOptions.builder().confidential().build()}) {
      // the call holds the only local permit while a second one must spill into the reply
      Object end = SPILLWAY.call(new Text(), CallOptions.builder().build(), held -> {
        try {
          return SPILLWAY.call(new Text(), o, t -> {
            throw new AssertionError("no local permit can be free");
          });
        } catch (SpilloverException e) {
          return null; // an allowed end
        }
      });
      assertThat(end == null || end instanceof Text).isTrue();
    }
  }

  private static final class XorChannel implements SealedChannel {
    @Override public SealedPayload seal(String service, String id, long deadline, byte[] body) {
      return new SealedPayload("fuzz", xor(body));
    }

    @Override public byte[] openReply(String service, String id, byte[] ciphertext) {
      return xor(ciphertext);
    }
  }

  private static final class ReplyingProvider implements FunctionProvider {
    @Override public String name() {
      return "fuzz";
    }

    @Override public FunctionInvoker invoker(FunctionRef ref) {
      return new FunctionInvoker() {
        @Override public CompletableFuture<byte[]> invoke(Invocation invocation) {
          return CompletableFuture.completedFuture(nextReply);
        }

        @Override public int maxRequestBytes() {
          return 1 << 20;
        }
      };
    }
  }
}
