package io.spillover.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.wire.SealedFrames;
import io.spillover.seal.SealedCallOpener;
import io.spillover.seal.SealingException;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in opener for the dispatcher's rules: session "good" opens (caller "caller-a"), any
 * other session is refused; "sealing" XORs every byte, enough to keep a text off the wire.
 */
final class StubOpener implements SealedCallOpener {
  static final String GOOD = "good";

  @Override
  public OpenedCall open(String service, String requestId, long deadline, String session,
      byte[] ciphertext) {
    if (!GOOD.equals(session)) {
      throw new SealingException("unknown session " + session);
    }
    return new OpenedCall() {
      @Override public byte[] body() {
        return xor(ciphertext);
      }

      @Override public String caller() {
        return "caller-a";
      }

      @Override public byte[] sealReply(byte[] reply) {
        return xor(reply);
      }
    };
  }

  static byte[] xor(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (byte) (in[i] ^ 0x5a);
    }
    return out;
  }

  /** A sealed request envelope in session "good". */
  static byte[] request(String id, String svc, long deadline, boolean idempotent, String json) {
    byte[] frame = SealedFrames.request(idempotent, json.getBytes(StandardCharsets.UTF_8));
    return EnvelopeFormat.encodeRequest(new RequestEnvelope(id, svc, deadline, null, false, null,
        GOOD, xor(frame)), true);
  }

  /** What a sealed reply holds. */
  static SealedFrames.Reply reply(ResponseEnvelope r) {
    assertThat(r.sealed()).as("the reply is sealed").isTrue();
    return SealedFrames.openReply(xor(r.sealedCiphertext));
  }
}
