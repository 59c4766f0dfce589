package io.spillover.attest.keyservice;

import io.spillover.SpilloverException;

/**
 * A key service request failed: refused by the service ({@link #status()} is its HTTP status), or
 * its answer did not verify or could not be reached (status 0).
 */
public final class KeyServiceException extends SpilloverException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public KeyServiceException(int status, String message) {
    super(message);
    this.status = status;
  }

  public KeyServiceException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status the key service answered with, or 0 when the failure was local. */
  public int status() {
    return status;
  }
}
