package io.spillover.internal.function;

import io.spillover.codec.CodecException;
import io.spillover.function.FunctionErrorType;
import io.spillover.function.ReplayGuard;
import io.spillover.seal.SealedCallOpener;
import io.spillover.seal.SealedCallOpener.OpenedCall;
import io.spillover.seal.SealingException;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.SealedFrames;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function side of a sealed call. It opens the call first: until then nothing about it is
 * trusted, so a refusal is a plain {@code SEALING_REJECTED} with a fixed text (the reason goes to
 * the log, which holds header facts only), and the call touches neither the replay cache nor the
 * guard. Once opened, every reply, result or error, is sealed to the caller. A call not marked
 * idempotent (the mark is inside the ciphertext) runs only when a replay guard shared by the
 * function's instances records its (service, caller, id) for the first time.
 */
final class SealedDispatch {
  private static final Logger log = LoggerFactory.getLogger(SealedDispatch.class);
  /** How long past its deadline a call's id is kept: covers clocks of instances that lag. */
  static final long GUARD_MARGIN_MILLIS = 10_000;
  private static final String REFUSED = "sealed call refused";

  private final FunctionDispatcher app;
  private final SealedCallOpener opener;
  private final ReplayGuard guard;

  SealedDispatch(FunctionDispatcher app, SealedCallOpener opener, ReplayGuard guard) {
    this.app = app;
    this.opener = opener;
    this.guard = guard;
  }

  byte[] dispatch(RequestEnvelope req, boolean cold, long start) {
    Replier plain = Replier.plain(req.id, true, cold, start, app.clock);
    if (opener == null) {
      return plain.error(FunctionErrorType.SEALING_REJECTED, "this function accepts no sealed calls");
    }
    OpenedCall opened;
    try {
      opened = opener.open(req.service, req.id, req.deadlineEpochMillis, req.sealedSession,
          req.sealedCiphertext);
    } catch (SealingException e) {
      // its texts name header facts (caller, session, key id), never plain text
      log.warn("sealed call {} to {} refused: {}", req.id, req.service, e.getMessage());
      return plain.error(FunctionErrorType.SEALING_REJECTED, REFUSED);
    } catch (RuntimeException e) {
      log.warn("sealed call {} to {}: the opener failed: {}", req.id, req.service,
          e.getClass().getName());
      return plain.error(FunctionErrorType.SEALING_REJECTED, REFUSED);
    }
    Replier reply = Replier.sealed(req.id, opened, cold, start, app.clock);
    SealedFrames.Request frame;
    try {
      frame = SealedFrames.openRequest(opened.body());
    } catch (CodecException e) {
      return reply.error(FunctionErrorType.BAD_REQUEST, "not a version-2 sealed request");
    }
    FunctionDispatcher.HandlerBinding<?, ?> route = app.routes.get(req.service);
    if (route == null) {
      return reply.error(FunctionErrorType.UNKNOWN_SERVICE,
          "no handler for service '" + req.service + "'");
    }
    if (app.clock.epochMillis() > req.deadlineEpochMillis) {
      return reply.error(FunctionErrorType.DEADLINE_EXPIRED, "arrived after its deadline");
    }
    String caller = opened.caller();
    String key = "S" + req.service + '\n' + caller.length() + ':' + caller + req.id;
    return app.once(key, req.deadlineEpochMillis, reply, () -> {
      if (!frame.idempotent()) {
        byte[] refused = guard(req, caller, reply);
        if (refused != null) {
          return refused;
        }
      }
      return HandlerRun.run(req.service, route, frame.body(), Optional.of(caller), app.codec,
          reply);
    });
  }

  /** Null when the call may run; else the sealed refusal. */
  private byte[] guard(RequestEnvelope req, String caller, Replier reply) {
    if (guard == null) {
      return reply.error(FunctionErrorType.REPLAY_UNGUARDED, "the call is not idempotent and"
          + " this function has no shared replay guard; only idempotent sealed calls run here");
    }
    ReplayGuard.Verdict verdict;
    try {
      // keyed by the proved caller too: another caller's call under the same id is not a replay
      verdict = guard.firstSeen(req.service, caller, req.id,
          req.deadlineEpochMillis + GUARD_MARGIN_MILLIS);
    } catch (RuntimeException e) {
      log.warn("replay guard failed: {}", e.getClass().getName());
      verdict = ReplayGuard.Verdict.UNAVAILABLE;
    }
    if (verdict == ReplayGuard.Verdict.FIRST) {
      return null;
    }
    if (verdict == ReplayGuard.Verdict.SEEN) {
      return reply.error(FunctionErrorType.REPLAYED, "this request id has run already");
    }
    return reply.error(FunctionErrorType.REPLAY_GUARD_UNAVAILABLE,
        "the replay guard cannot answer; refused rather than risk a second run");
  }
}
