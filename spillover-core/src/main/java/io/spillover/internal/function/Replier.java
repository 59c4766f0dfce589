package io.spillover.internal.function;

import io.spillover.SpilloverClock;
import io.spillover.function.FunctionErrorType;
import io.spillover.seal.SealedCallOpener.OpenedCall;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.wire.SealedFrames;
import java.util.concurrent.TimeUnit;

/**
 * Builds the reply envelopes of one call: plain, or sealed to the caller of a sealed call, for
 * results and errors alike (so an error message that quotes the request stays inside the
 * ciphertext). Carries the instance's cold flag and the call's start time.
 */
abstract class Replier {
  final String id;
  private final boolean cold;
  private final long startNanos;
  private final SpilloverClock clock;

  private Replier(String id, boolean cold, long startNanos, SpilloverClock clock) {
    this.id = id;
    this.cold = cold;
    this.startNanos = startNanos;
    this.clock = clock;
  }

  abstract byte[] result(byte[] body);

  abstract byte[] error(FunctionErrorType type, String message);

  /** Whether this replier seals (the call was authenticated). */
  abstract boolean sealed();

  /**
   * A {@code HANDLER_ERROR} with a fixed text, sealed if possible; plain when sealing is what
   * failed (the text quotes nothing, so it may travel in the clear).
   */
  final byte[] failure(String fixedText) {
    try {
      return error(FunctionErrorType.HANDLER_ERROR, fixedText);
    } catch (RuntimeException sealingFailed) {
      return EnvelopeFormat.encodeResponse(ResponseEnvelope.error(id,
          FunctionErrorType.HANDLER_ERROR.name(), fixedText, cold, millis()), true);
    }
  }

  final long millis() {
    return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
  }

  final boolean cold() {
    return cold;
  }

  /** Plain envelopes; {@code json} says how the codec's bodies travel. */
  static Replier plain(String id, boolean json, boolean cold, long start, SpilloverClock clock) {
    return new Replier(id, cold, start, clock) {
      @Override
      byte[] result(byte[] body) {
        return EnvelopeFormat.encodeResponse(new ResponseEnvelope(id, true, body, null, null,
            null, cold(), millis()), json);
      }

      @Override
      byte[] error(FunctionErrorType type, String message) {
        return EnvelopeFormat.encodeResponse(ResponseEnvelope.error(id, type.name(), message,
            cold(), millis()), json);
      }

      @Override
      boolean sealed() {
        return false;
      }
    };
  }

  /** Envelopes sealed under the session of {@code opened}. */
  static Replier sealed(String id, OpenedCall opened, boolean cold, long start,
      SpilloverClock clock) {
    return new Replier(id, cold, start, clock) {
      @Override
      byte[] result(byte[] body) {
        return envelope(opened.sealReply(SealedFrames.result(body)));
      }

      @Override
      byte[] error(FunctionErrorType type, String message) {
        return envelope(opened.sealReply(SealedFrames.error(type.name(), message)));
      }

      private byte[] envelope(byte[] ciphertext) {
        return EnvelopeFormat.encodeResponse(ResponseEnvelope.sealed(id, ciphertext, cold(),
            millis()), true);
      }

      @Override
      boolean sealed() {
        return true;
      }
    };
  }
}
