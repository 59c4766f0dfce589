package io.spillover;

import java.util.Objects;

/**
 * A call that neither ran locally nor on a function twin. {@link #reason()} says why; the message
 * adds the numbers (limit, wait, budget) behind the decision. When a spill was tried and failed,
 * the provider's exception is the cause.
 */
public final class SpillRejectedException extends SpilloverException {
  private static final long serialVersionUID = 1L;

  /** Why a call was rejected. */
  public enum Reason {
    /** The call's priority class is shed under overload. */
    SHED,
    /** The local limit was reached and the call's class does not spill; no permit freed in time. */
    LIMIT_REACHED,
    /** The spillway has no function twin configured. */
    NO_FUNCTION,
    /** The call is confidential and no sealed channel to a verified target exists. */
    CONFIDENTIAL_NO_SEALED_CHANNEL,
    /**
     * The call is confidential and not idempotent, and its target is not declared to share a
     * replay guard among its instances: a replayed copy could run twice there, so it stays local.
     */
    CONFIDENTIAL_NOT_IDEMPOTENT,
    /** The encoded request exceeds the target's (or the config's) payload limit. */
    PAYLOAD_TOO_LARGE,
    /** The request could not be encoded for the wire. */
    NOT_ENCODABLE,
    /** The target's circuit breaker is open. */
    CIRCUIT_OPEN,
    /** The maximum of concurrent spilled calls is reached. */
    SPILL_CONCURRENCY_FULL,
    /** The maximum rate of spilled calls is reached. */
    SPILL_RATE_LIMITED,
    /** The spend cap per hour is reached. */
    SPEND_CAP_REACHED,
    /** Too many callers already wait for a local permit. */
    WAIT_QUEUE_FULL,
    /** The call's deadline passed before it could run. */
    DEADLINE_EXCEEDED,
    /** The spill failed (throttled, timeout, transport) and no local permit freed before the deadline. */
    SPILL_FAILED,
    /**
     * The spill failed after its request was sent (timeout, reset, an error of unknown state), so
     * the call may have run on the function; it is not declared idempotent, so it is not run
     * again locally, which could run it twice. The provider's exception is the cause.
     */
    SPILL_OUTCOME_UNKNOWN
  }

  private final Reason reason;
  private final String spillway;

  public SpillRejectedException(String spillway, Reason reason, String detail, Throwable cause) {
    super(spillway + ": " + Objects.requireNonNull(reason, "reason") + " (" + detail + ")", cause);
    this.reason = reason;
    this.spillway = spillway;
  }

  public Reason reason() {
    return reason;
  }

  /** The name of the spillway that rejected the call. */
  public String spillway() {
    return spillway;
  }
}
