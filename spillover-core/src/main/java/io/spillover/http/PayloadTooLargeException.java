package io.spillover.http;

import io.spillover.function.FunctionException;

/**
 * The request envelope is larger than the target accepts: refused before sending, or refused by
 * the platform (HTTP 413, Lambda's {@code RequestTooLargeException}). The function did not run.
 */
public final class PayloadTooLargeException extends FunctionException {
  private static final long serialVersionUID = 1L;
  private final long payloadBytes;
  private final long limitBytes;

  /**
   * @param payloadBytes the envelope's size, or -1 when only the platform knows it
   * @param limitBytes the target's limit, or -1 when the platform did not say
   */
  public PayloadTooLargeException(String message, long payloadBytes, long limitBytes) {
    super(message, null);
    this.payloadBytes = payloadBytes;
    this.limitBytes = limitBytes;
  }

  /** The envelope's size in bytes, or -1 when unknown. */
  public long payloadBytes() {
    return payloadBytes;
  }

  /** The target's limit in bytes, or -1 when unknown. */
  public long limitBytes() {
    return limitBytes;
  }

  @Override
  public boolean mayHaveRun() {
    return false;
  }
}
