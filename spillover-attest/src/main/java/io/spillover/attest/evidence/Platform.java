package io.spillover.attest.evidence;

import java.util.Locale;

/** The trusted execution environment that produced a piece of evidence. */
public enum Platform {
  /** AMD SEV-SNP attestation report, endorsed by a VCEK or VLEK under an AMD ARK. */
  SEV_SNP("sev-snp"),
  /** AWS Nitro Enclaves attestation document (COSE_Sign1) under the AWS Nitro root. */
  NITRO("nitro"),
  /** Intel TDX DCAP quote (v4/v5) under the Intel SGX root. */
  TDX("tdx"),
  /** Intel SGX DCAP quote (v3) under the Intel SGX root. */
  SGX("sgx"),
  /** The development simulator: no hardware, no security. Refused in production by default. */
  DEV("dev");

  private final String id;

  Platform(String id) {
    this.id = id;
  }

  /** The name on the wire and in configuration files: {@code sev-snp, nitro, tdx, sgx, dev}. */
  public String id() {
    return id;
  }

  /**
   * The platform named {@code id} (or its enum name), any case.
   *
   * @throws IllegalArgumentException naming the accepted ids
   */
  public static Platform fromId(String id) {
    String s = String.valueOf(id).strip().toLowerCase(Locale.ROOT);
    for (Platform p : values()) {
      if (p.id.equals(s) || p.name().toLowerCase(Locale.ROOT).equals(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown platform '" + id
        + "' (expected sev-snp, nitro, tdx, sgx or dev)");
  }
}
