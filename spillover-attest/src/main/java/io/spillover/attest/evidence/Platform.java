package io.spillover.attest.evidence;

/** The trusted execution environment that produced a piece of evidence. */
public enum Platform {
  /** AMD SEV-SNP attestation report, endorsed by a VCEK or VLEK under an AMD ARK. */
  SEV_SNP,
  /** AWS Nitro Enclaves attestation document (COSE_Sign1) under the AWS Nitro root. */
  NITRO,
  /** Intel TDX DCAP quote (v4/v5) under the Intel SGX root. */
  TDX,
  /** Intel SGX DCAP quote (v3) under the Intel SGX root. */
  SGX,
  /** The development simulator: no hardware, no security. Refused in production by default. */
  DEV
}
