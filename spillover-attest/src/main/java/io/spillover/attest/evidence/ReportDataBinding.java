package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.Sigs;
import java.util.Objects;

/**
 * How a function instance binds its ephemeral public key and the key service's nonce into
 * evidence.
 *
 * <p><b>SEV-SNP, TDX, SGX and the simulator</b> carry 64 bytes of guest-chosen report data. The
 * instance sets {@code REPORT_DATA = SHA-512(publicKey || nonce)}: exactly 64 bytes, no padding.
 * {@code publicKey} is the raw encoding of the instance's HPKE public key (e.g. the 32-byte X25519
 * key, or the 65-byte uncompressed P-256 point) and {@code nonce} the bytes the key service handed
 * out. The plain concatenation is unambiguous because the verifier supplies the nonce it issued and
 * compares against the key it will use: a different split of the same bytes would need a different
 * nonce, which the key service did not issue.
 *
 * <p><b>Nitro</b> documents have separate fields: the raw public key goes in {@code public_key}
 * and the nonce in {@code nonce}; each is compared byte for byte (the scheme AWS KMS uses).
 *
 * <p>Freshness comes from the nonce (single use, issued by the key service) and, for Nitro, also
 * from the document timestamp ({@link AttestationPolicy.Builder#maxEvidenceAge}).
 */
public final class ReportDataBinding {
  private ReportDataBinding() {}

  /** {@code SHA-512(publicKey || nonce)}, the 64-byte report data for SNP, TDX, SGX and dev. */
  public static byte[] reportData(byte[] publicKey, byte[] nonce) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(nonce, "nonce");
    if (publicKey.length == 0 || nonce.length == 0) {
      throw new IllegalArgumentException("publicKey and nonce must not be empty");
    }
    return Sigs.sha512(publicKey, nonce);
  }
}
