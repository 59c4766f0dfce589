package io.spillover.attest.evidence;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Routes evidence to the verifier of its platform. Immutable and thread-safe. */
public final class VerifierRegistry {
  private final Map<Platform, AttestationVerifier> verifiers;

  private VerifierRegistry(Map<Platform, AttestationVerifier> verifiers) {
    this.verifiers = Collections.unmodifiableMap(verifiers);
  }

  /** One verifier per platform; a later one for the same platform is an error. */
  public static VerifierRegistry of(AttestationVerifier... verifiers) {
    Map<Platform, AttestationVerifier> m = new EnumMap<>(Platform.class);
    for (AttestationVerifier v : verifiers) {
      if (m.put(v.platform(), v) != null) {
        throw new IllegalArgumentException("two verifiers for " + v.platform());
      }
    }
    return new VerifierRegistry(m);
  }

  /** SEV-SNP, Nitro, TDX and SGX verifiers on the bundled vendor roots; no simulator. */
  public static VerifierRegistry withBundledRoots() {
    return of(SnpVerifier.withBundledRoots(), NitroVerifier.withBundledRoot(),
        DcapVerifier.tdx(VendorRoots.intelSgxRoot()), DcapVerifier.sgx(VendorRoots.intelSgxRoot()));
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
