package io.spillover.attest.evidence.internal;

/** A check failed; the message is the reason reported in the result. Never escapes a verifier. */
public final class VerificationFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VerificationFailure(String reason) {
    super(reason, null, false, false);
  }
}
