package io.spillover.function;

/**
 * The error types a function side reports in an error envelope ({@code error.type}); the caller
 * sees them as {@link FunctionErrorException#type()}.
 */
public enum FunctionErrorType {
  /** The request bytes are not a valid envelope. */
  MALFORMED,
  /** No handler is registered for the envelope's service. */
  UNKNOWN_SERVICE,
  /** The envelope arrived after its deadline; the handler did not run. */
  DEADLINE_EXPIRED,
  /** The function side is saturated; the handler did not run (safe to retry). */
  BUSY,
  /** The service accepts sealed calls only and the envelope was plain. */
  SEALING_REQUIRED,
  /** The sealed envelope was refused (tampered, foreign caller, replay, expired session). */
  SEALING_REJECTED,
  /** The request body does not decode into the handler's request type. */
  BAD_REQUEST,
  /** The handler threw; the message names the exception class and its message, no stack trace. */
  HANDLER_ERROR;

  /** Whether the handler may have run, which decides whether a retry is safe. */
  public boolean handlerMayHaveRun() {
    return this == HANDLER_ERROR;
  }
}
