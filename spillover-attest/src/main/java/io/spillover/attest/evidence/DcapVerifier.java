package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.DcapVerification;
import io.spillover.attest.evidence.internal.Facts;
import io.spillover.attest.evidence.internal.VerificationFailure;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies Intel DCAP ECDSA quotes: TDX (v4, v5 with TDX 1.0 or 1.5 bodies) or SGX (v3).
 *
 * <ol>
 *   <li>Parses the quote; the QE vendor must be Intel, the attestation key ECDSA-P256.
 *   <li>Validates the PCK chain embedded in the quote (PCK → PCK Platform/Processor CA → pinned
 *       Intel SGX Root CA) with PKIX at {@code now}.
 *   <li>With collateral CRLs: the root CA CRL (signed by the root) must not list the PCK CA and
 *       the PCK CRL (signed by the PCK CA) must not list the PCK; both must be current.
 *   <li>QE report signature by the PCK key; QE REPORT_DATA = SHA-256(attestation key ‖ QE auth
 *       data) ‖ 32 zero bytes; quote signature over header ‖ body by the attestation key.
 *   <li>With collateral: TCB info and QE identity signatures (ECDSA P-256 over the exact signed
 *       JSON text) by a TCB Signing certificate chaining to the pinned root, both current at
 *       {@code now}; FMSPC/PCE-ID of the PCK certificate match the TCB info; the QE report matches
 *       the QE identity (MRSIGNER, ISVPRODID, masked MISCSELECT and ATTRIBUTES); the TCB status is
 *       the worst of the platform level (SGX components + PCESVN from the PCK certificate, TDX
 *       TEE_TCB_SVN), the TDX module identity level, and the QE level. No matching level fails.
 *   <li>Policy: debug (TD_ATTRIBUTES bit 0 / SGX ATTRIBUTES bit 1), MRTD or MRENCLAVE, RTMRs,
 *       binding, and the TCB status must be accepted. Without collateral the status is
 *       {@code NotEvaluated}, which the default policy does not accept.
 * </ol>
 */
public final class DcapVerifier implements AttestationVerifier {
  private final Platform platform;
  private final X509Certificate root;

  private DcapVerifier(Platform platform, X509Certificate root) {
    this.platform = platform;
    this.root = Objects.requireNonNull(root, "root");
  }

  /** A TDX verifier trusting only this root (the Intel SGX Root CA in production). */
  public static DcapVerifier tdx(X509Certificate root) {
    return new DcapVerifier(Platform.TDX, root);
  }

  /** An SGX verifier trusting only this root. */
  public static DcapVerifier sgx(X509Certificate root) {
    return new DcapVerifier(Platform.SGX, root);
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public AttestationResult verify(Evidence evidence, AttestationPolicy policy, Instant now) {
    return Facts.verdict(platform, platform + " evidence", f -> {
      if (evidence.platform() != platform) {
        throw new VerificationFailure("not " + platform + " evidence: " + evidence.platform());
      }
      DcapVerification.run(evidence, policy, now, root, f);
    });
  }

}
