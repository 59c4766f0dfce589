package io.spillover.seal;

import io.spillover.SpilloverException;

/** A sealed call could not be sealed or opened: tampered, foreign, replayed, expired session. */
public final class SealingException extends SpilloverException {
  private static final long serialVersionUID = 1L;

  public SealingException(String message) {
    super(message);
  }

  public SealingException(String message, Throwable cause) {
    super(message, cause);
  }
}
