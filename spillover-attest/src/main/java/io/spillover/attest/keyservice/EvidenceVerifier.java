package io.spillover.attest.keyservice;

import io.spillover.attest.evidence.Evidence;
import java.time.Instant;

/**
 * Verifies a TEE's attestation evidence for the key service: the evidence's signature and
 * certificate chain to the vendor root, the function's policy (measurement, debug, TCB, evidence
 * age) and that the report data equals {@code expectedReportData}, which the key service computes
 * as SHA-512(ephemeral public keyset || nonce). The standard implementation is
 * {@link RegistryEvidenceVerifier} over the SEV-SNP, Nitro, TDX and SGX verifiers (plus the
 * simulator's in development); implement this to delegate to an external attestation service.
 */
@FunctionalInterface
public interface EvidenceVerifier {

  /**
   * @param now the key service's clock: certificates, collateral and evidence age are judged here
   * @throws EvidenceRejectedException with the reason when the evidence does not prove what it must
   */
  VerifiedEvidence verify(Evidence evidence, byte[] expectedReportData, FunctionPolicy policy,
      Instant now);
}
