package io.spillover.attest.evidence;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Routes evidence to the verifier of its platform. Immutable and thread-safe. */
public final class VerifierRegistry {
  private final Map<Platform, AttestationVerifier> verifiers;

  private VerifierRegistry(Map<Platform, AttestationVerifier> verifiers) {
    this.verifiers = verifiers;
  }

  /** One verifier per platform; a later one for the same platform is an error. */
  public static VerifierRegistry of(AttestationVerifier... verifiers) {
    VerifierRegistry r = new VerifierRegistry(new EnumMap<>(Platform.class));
    for (AttestationVerifier v : verifiers) {
      r = r.with(v);
    }
    return r;
  }

  /** SEV-SNP, Nitro, TDX and SGX verifiers on the bundled vendor roots; no simulator. */
  public static VerifierRegistry withBundledRoots() {
    return of(SnpVerifier.withBundledRoots(), NitroVerifier.withBundledRoot(),
        DcapVerifier.tdx(VendorRoots.intelSgxRoot()), DcapVerifier.sgx(VendorRoots.intelSgxRoot()));
  }

  /**
   * This registry plus {@code extra} (e.g. a {@link DevEvidenceVerifier} in development).
   *
   * @throws IllegalArgumentException if a verifier for that platform is already registered
   */
  public VerifierRegistry with(AttestationVerifier extra) {
    Map<Platform, AttestationVerifier> m = new EnumMap<>(Platform.class);
    m.putAll(verifiers);
    if (m.put(extra.platform(), extra) != null) {
      throw new IllegalArgumentException("two verifiers for " + extra.platform());
    }
    return new VerifierRegistry(m);
  }

  /** Whether a verifier for {@code platform} is registered. */
  public boolean supports(Platform platform) {
    return verifiers.containsKey(platform);
  }

  /** Verifies with the platform's verifier; evidence of an unregistered platform is invalid. */
  public AttestationResult verify(Evidence evidence, AttestationPolicy policy, Instant now) {
    AttestationVerifier v = verifiers.get(evidence.platform());
    if (v == null) {
      return AttestationResult.invalid(evidence.platform(),
          "no verifier registered for " + evidence.platform(), null, null, false, Map.of());
    }
    return v.verify(evidence, policy, now);
  }
}
