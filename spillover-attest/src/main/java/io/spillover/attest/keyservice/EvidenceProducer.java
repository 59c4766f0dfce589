package io.spillover.attest.keyservice;

/**
 * Produces attestation evidence inside a function instance's TEE, carrying {@code reportData}
 * (64 bytes) in the hardware-signed report: SEV-SNP via configfs-tsm, Nitro via the NSM, TDX via
 * configfs-tsm, or {@link DevEvidenceSimulator} in development.
 */
@FunctionalInterface
public interface EvidenceProducer {
  byte[] evidence(byte[] reportData);
}
