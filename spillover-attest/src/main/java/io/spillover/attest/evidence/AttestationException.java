package io.spillover.attest.evidence;

import io.spillover.SpilloverException;

/** Attestation evidence could not be obtained or processed (not: evidence that failed a check). */
public class AttestationException extends SpilloverException {
  private static final long serialVersionUID = 1L;

  public AttestationException(String message) {
    super(message);
  }

  public AttestationException(String message, Throwable cause) {
    super(message, cause);
  }
}
