package io.spillover.attest.evidence;

import java.util.Objects;

/**
 * Nitro evidence from an {@link NsmClient}. {@link #fetchBound} puts the public key in
 * {@code public_key} and the nonce in {@code nonce} (what the Nitro verifier's binding checks);
 * {@link #fetch} puts the given report data in {@code user_data}.
 */
public final class NitroEvidenceSource implements EvidenceSource {
  private static final int MAX_FIELD = 1024;
  private final NsmClient nsm;

  public NitroEvidenceSource(NsmClient nsm) {
    this.nsm = Objects.requireNonNull(nsm, "nsm");
  }

  @Override
  public Platform platform() {
    return Platform.NITRO;
  }

  @Override
  public Evidence fetch(byte[] reportData) {
    return Evidence.nitro(nsm.attestation(field(reportData, "reportData"), null, null));
  }

  @Override
  public Evidence fetchBound(byte[] publicKey, byte[] nonce) {
    return Evidence.nitro(nsm.attestation(null, field(nonce, "nonce"), field(publicKey, "publicKey")));
  }

  private static byte[] field(byte[] v, String name) {
    Objects.requireNonNull(v, name);
    if (v.length == 0 || v.length > MAX_FIELD) {
      throw new IllegalArgumentException(name + " must be 1.." + MAX_FIELD + " bytes");
    }
    return v.clone();
  }
}
