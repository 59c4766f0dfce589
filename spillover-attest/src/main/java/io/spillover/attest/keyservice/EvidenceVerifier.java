package io.spillover.attest.keyservice;

/**
 * Verifies a TEE's attestation evidence for the key service. An implementation checks the
 * evidence's signature and certificate chain to the vendor root, that debug is off and the TCB is
 * acceptable, and that the evidence's report data equals {@code expectedReportData} (the key
 * service passes SHA-512(ephemeral public keyset || nonce)), then returns what it proved.
 *
 * <p>The SEV-SNP, Nitro and TDX verifiers of {@code io.spillover.attest.evidence} plug in through a
 * small adapter; {@link DevEvidenceVerifier} is the development simulator's.
 */
@FunctionalInterface
public interface EvidenceVerifier {

  /** @throws EvidenceRejectedException when the evidence does not prove what it must */
  VerifiedEvidence verify(byte[] evidence, byte[] expectedReportData);
}
