package io.spillover.function;

import io.spillover.SpilloverClock;
import io.spillover.internal.function.InMemoryReplayGuard;

/**
 * SPI: remembers which sealed calls a function has run, so a captured call replayed to any of its
 * instances does not run twice. Every attested instance of a function holds the same keys, so a
 * guard protects against replays only as far as it is shared: plug one backed by a store all
 * instances reach (the fleet store) into {@link FunctionApp.Builder#sharedReplayGuard}. Without
 * one, a {@code FunctionApp} refuses sealed calls that are not marked idempotent
 * ({@link FunctionErrorType#REPLAY_UNGUARDED}).
 *
 * <p>The guard is asked only after the call was authenticated, so forged calls cannot fill it nor
 * claim an id ahead of the real call. Implementations are thread-safe and must fail closed: when
 * the store cannot answer, the verdict is {@link Verdict#UNAVAILABLE} and the call is refused.
 */
public interface ReplayGuard {

  /** The guard's answer for one call. */
  enum Verdict {
    /** Not seen before: it is now recorded, and the call may run. */
    FIRST,
    /** Seen before (within its keep-until time): the call must not run again. */
    SEEN,
    /** The guard cannot tell (store unreachable, full): the call must not run. */
    UNAVAILABLE
  }

  /**
   * Records {@code (service, caller, requestId)} until {@code keepUntilEpochMillis} (the call's
   * deadline plus clock skew: after it the call is refused as expired anyway) unless it is
   * recorded already. {@code caller} is the identity the sealed session proved, never a claim of
   * the request: a request id is chosen by its caller, so keying without it would let one caller
   * get another's call refused by sending the same id first. Must not throw; a guard that throws
   * is treated as {@link Verdict#UNAVAILABLE}.
   */
  Verdict firstSeen(String service, String caller, String requestId, long keepUntilEpochMillis);

  /**
   * A guard in this JVM's memory, holding at most {@code capacity} live entries; when full it
   * answers {@link Verdict#UNAVAILABLE} until entries expire (fail closed). It is shared only by
   * the {@code FunctionApp}s given this same object, which is what every instance of a function
   * sees only when they all run in this JVM (e.g. on {@code InProcessProvider}); instances in
   * other processes need a guard backed by a shared store.
   */
  static ReplayGuard inMemory(int capacity, SpilloverClock clock) {
    return new InMemoryReplayGuard(capacity, clock);
  }
}
