/**
 * Attestation evidence for confidential spillover: verifiers for AMD SEV-SNP
 * ({@link io.spillover.attest.evidence.SnpVerifier}), AWS Nitro Enclaves
 * ({@link io.spillover.attest.evidence.NitroVerifier}) and Intel TDX/SGX DCAP quotes
 * ({@link io.spillover.attest.evidence.DcapVerifier}), a per-function
 * {@link io.spillover.attest.evidence.AttestationPolicy}, evidence sources for function instances
 * ({@link io.spillover.attest.evidence.EvidenceSource}) and offline verification of evidence files
 * ({@link io.spillover.attest.evidence.EvidenceFiles}, behind {@code spillover attest verify}).
 * Certificate chains are validated with the JDK's PKIX at an injected instant against pinned
 * vendor roots only. Implementation classes live in {@code ...evidence.internal} and are not API.
 */
package io.spillover.attest.evidence;
