package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.internal.Hex;

/**
 * Hex as evidence and collateral files write it: surrounding whitespace and a {@code 0x} prefix
 * are allowed, and bad input is malformed evidence (the typed failure verifiers promise), not an
 * {@code IllegalArgumentException}.
 */
public final class EvidenceHex {
  private EvidenceHex() {}

  /** The bytes of {@code hex}; throws {@link MalformedEvidenceException} if it is not hex. */
  public static byte[] decode(String hex) {
    String s = hex.strip();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    try {
      return Hex.decode(s);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(e.getMessage());
    }
  }
}
