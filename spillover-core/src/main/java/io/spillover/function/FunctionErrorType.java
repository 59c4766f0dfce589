package io.spillover.function;

/**
 * The error types a function side reports in an error envelope ({@code error.type}); the caller
 * sees them as {@link FunctionErrorException#type()}. For a sealed call every error after the
 * call was opened travels sealed; the errors before it ({@code MALFORMED},
 * {@code UNSUPPORTED_VERSION}, {@code SEALING_REJECTED}) carry a fixed text, never request bytes.
 */
public enum FunctionErrorType {
  /** The request bytes are not a valid envelope. */
  MALFORMED,
  /** The envelope's version ({@code "v"}) is not the one this function side speaks. */
  UNSUPPORTED_VERSION,
  /** No handler is registered for the envelope's service. */
  UNKNOWN_SERVICE,
  /** The envelope arrived after its deadline; the handler did not run. */
  DEADLINE_EXPIRED,
  /** The function side is saturated; the handler did not run (safe to retry). */
  BUSY,
  /** The service accepts sealed calls only and the envelope was plain. */
  SEALING_REQUIRED,
  /** The sealed envelope was refused (tampered, foreign caller, expired session, no keys). */
  SEALING_REJECTED,
  /**
   * A sealed call not marked idempotent reached a function without a replay guard shared by its
   * instances (a replay to another instance could run it twice); the handler did not run.
   */
  REPLAY_UNGUARDED,
  /** The shared replay guard has seen this call's request id; the handler did not run again. */
  REPLAYED,
  /** The shared replay guard could not answer; the call was refused (fail closed), not run. */
  REPLAY_GUARD_UNAVAILABLE,
  /** The request body does not decode into the handler's request type. */
  BAD_REQUEST,
  /**
   * The handler threw; the message names the exception class and its message, no stack trace.
   * For a sealed call it travels sealed.
   */
  HANDLER_ERROR;

  /** Whether the handler may have run, which decides whether a retry is safe. */
  public boolean handlerMayHaveRun() {
    return this == HANDLER_ERROR;
  }
}
