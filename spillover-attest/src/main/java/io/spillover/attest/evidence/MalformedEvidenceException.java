package io.spillover.attest.evidence;

/**
 * Evidence, collateral or a certificate could not be parsed: truncated, wrong encoding, fields
 * out of range. Verifiers turn it into an invalid {@link AttestationResult}; parsers throw it.
 */
public class MalformedEvidenceException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public MalformedEvidenceException(String message) {
    super(message);
  }

  public MalformedEvidenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
