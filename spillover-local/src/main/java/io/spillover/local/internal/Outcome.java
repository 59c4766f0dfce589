package io.spillover.local.internal;

/**
 * How one admitted invocation ended, as the instance saw it. {@code payload} is the function's
 * reply for {@link Status#OK}, or the error body the runtime reported for a function or init
 * error; for a crash or timeout it is null and {@code message} says what happened.
 */
public record Outcome(Status status, byte[] payload, String errorType, String message,
    boolean cold, long durationMillis, long billedMillis) {

  public enum Status {
    /** The function replied. */
    OK,
    /** The handler threw (Lambda) or the action failed (OpenWhisk); the runtime reported it. */
    FUNCTION_ERROR,
    /** The instance failed to initialize (handler class missing, constructor threw, ...). */
    INIT_ERROR,
    /** The worker process died while the request was in it. */
    CRASH,
    /** The function ran past its time limit; the instance was ended. */
    TIMEOUT
  }

  static Outcome ok(byte[] payload) {
    return new Outcome(Status.OK, payload, null, null, false, 0, 0);
  }

  static Outcome failure(Status status, byte[] payload, String errorType, String message) {
    return new Outcome(status, payload, errorType, message, false, 0, 0);
  }

  Outcome billed(boolean cold, long durationMillis, long billedMillis) {
    return new Outcome(status, payload, errorType, message, cold, durationMillis, billedMillis);
  }
}
