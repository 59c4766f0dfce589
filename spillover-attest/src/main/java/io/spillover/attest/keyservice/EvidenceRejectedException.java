package io.spillover.attest.keyservice;

import io.spillover.SpilloverException;

/** Attestation evidence was refused: bad signature or chain, debug on, wrong report data, .... */
public final class EvidenceRejectedException extends SpilloverException {
  private static final long serialVersionUID = 1L;

  public EvidenceRejectedException(String message) {
    super(message);
  }

  public EvidenceRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
