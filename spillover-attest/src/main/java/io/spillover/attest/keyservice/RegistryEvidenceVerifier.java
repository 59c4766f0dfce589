package io.spillover.attest.keyservice;

import io.spillover.attest.evidence.AttestationResult;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceVerifier;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.VerifierRegistry;
import io.spillover.attest.evidence.internal.EvidenceHex;
import java.time.Instant;
import java.util.Objects;

/**
 * The key service's {@link EvidenceVerifier} on the hardware verifiers of
 * {@code io.spillover.attest.evidence}: it maps the function's {@link FunctionPolicy} onto an
 * {@code AttestationPolicy} bound to the expected report data, verifies with the evidence
 * platform's verifier at the key service's "now", and turns a refusal into an
 * {@link EvidenceRejectedException} carrying the verifier's reason.
 */
public final class RegistryEvidenceVerifier implements EvidenceVerifier {
  private final VerifierRegistry registry;

  private RegistryEvidenceVerifier(VerifierRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  public static RegistryEvidenceVerifier of(VerifierRegistry registry) {
    return new RegistryEvidenceVerifier(registry);
  }

  /** SEV-SNP, Nitro, TDX and SGX on the bundled vendor roots; no simulator. */
  public static RegistryEvidenceVerifier withBundledRoots() {
    return of(VerifierRegistry.withBundledRoots());
  }

  /**
   * The key service's default: {@link #withBundledRoots()}, plus the simulator's verifier when
   * the config trusts a {@code devEvidenceKey}.
   *
   * @throws IllegalStateException when the config trusts the simulator in a production deployment
   *     without {@code allowDevEvidenceInProduction}
   */
  public static RegistryEvidenceVerifier forConfig(KeyServiceConfig config, Deployment deployment) {
    VerifierRegistry registry = VerifierRegistry.withBundledRoots();
    if (config.devEvidenceKey().isPresent()) {
      DevEvidenceVerifier.Builder dev = DevEvidenceVerifier.builder()
          .trust(config.devEvidenceKey().get()).deployment(deployment);
      if (config.devEvidenceInProduction()) {
        dev.allowInProduction();
      }
      registry = registry.with(dev.build());
    }
    return of(registry);
  }

  @Override
  public VerifiedEvidence verify(Evidence evidence, byte[] expectedReportData,
      FunctionPolicy policy, Instant now) {
    String platform = evidence.platform().id();
    if (!policy.platforms().isEmpty() && !policy.platforms().contains(evidence.platform())) {
      throw new EvidenceRejectedException(platform + " evidence: the function's policy accepts"
          + " only " + policy.platforms());
    }
    if (!registry.supports(evidence.platform())) {
      throw new EvidenceRejectedException(platform + " evidence: this key service has no "
          + platform + " verifier");
    }
    AttestationResult r =
        registry.verify(evidence, policy.attestationPolicy(expectedReportData), now);
    if (!r.valid()) {
      throw new EvidenceRejectedException(platform + " evidence: " + r.reason());
    }
    if (r.measurement() == null || r.reportData() == null) {
      throw new EvidenceRejectedException(platform + " evidence carries no measurement or"
          + " report data");
    }
    return new VerifiedEvidence(evidence.platform(), r.measurement(), r.debug(),
        EvidenceHex.decode(r.reportData()), r.claims());
  }
}
