package io.spillover;

import io.spillover.seal.UnauthenticatedReplyException;

/**
 * Receives every decision a spillway makes. Methods run on the calling thread, synchronously:
 * keep them short and non-blocking. All methods have empty defaults.
 */
public interface SpillwayListener {

  /** A call ended: where it ran, how it ended, and its duration (-1 when it was not timed). */
  default void onCall(String spillway, Route route, Outcome outcome, long nanos) {}

  /** A call was rejected. */
  default void onRejected(String spillway, SpillRejectedException.Reason reason) {}

  /** A call could not spill and stayed local (waiting) for this reason. */
  default void onSpillRefused(String spillway, SpillRejectedException.Reason reason) {}

  /** A spilled call failed; {@code fellBack} tells whether it then ran locally. */
  default void onSpillFailed(String spillway, Throwable cause, boolean fellBack) {}

  /** The spillway entered or left spill mode. */
  default void onSpillMode(String spillway, boolean spilling) {}

  /** The local limit changed (checked once per tick). */
  default void onLimitChanged(String spillway, int limit) {}

  /** A function reply reported a cold start. */
  default void onColdStart(String spillway) {}

  /** A spilled call was billed {@code usd}. */
  default void onSpend(String spillway, double usd) {}

  /** Pre-warm pings were sent to keep {@code instances} instances warm. */
  default void onPrewarm(String spillway, int instances) {}

  /**
   * A reply to the sealed call {@code requestId} was not authentic: forged, altered, truncated, or
   * a plain error no one can authenticate (see {@code UnauthenticatedReplyException}). The spill
   * then counts as failed; {@link #onSpillFailed} follows.
   */
  default void onTamperedReply(String spillway, String requestId,
      UnauthenticatedReplyException.Kind kind) {}

  /** The scale advice changed: {@code replicas} extra VM replicas would carry the spill. */
  default void onAdvice(String spillway, int replicas) {}
}
