package io.spillover.attest.evidence;

/**
 * Produces evidence inside a function instance. Implementations: {@link ConfigfsTsmEvidenceSource}
 * (SEV-SNP and TDX guests), {@link NitroEvidenceSource} (over a pluggable {@link NsmClient}) and
 * {@link DevEvidenceSource} (simulator, refused in production unless explicitly allowed).
 */
public interface EvidenceSource {

  /** The platform whose evidence this source produces. */
  Platform platform();

  /**
   * Fetches fresh evidence carrying {@code reportData} (64 bytes for SNP, TDX and dev; placed in
   * {@code user_data} for Nitro).
   *
   * @throws AttestationException if the platform could not produce evidence
   */
  Evidence fetch(byte[] reportData);

  /**
   * Fetches evidence bound to an ephemeral public key and the verifier's nonce, as
   * {@link ReportDataBinding} describes. Nitro overrides this to fill {@code public_key} and
   * {@code nonce}.
   */
  default Evidence fetchBound(byte[] publicKey, byte[] nonce) {
    return fetch(ReportDataBinding.reportData(publicKey, nonce));
  }
}
