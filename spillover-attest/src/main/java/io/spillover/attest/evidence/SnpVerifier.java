package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.ChainCache;
import io.spillover.attest.evidence.internal.Facts;
import io.spillover.attest.evidence.internal.PolicyChecks;
import io.spillover.attest.evidence.internal.Sigs;
import io.spillover.attest.evidence.internal.SnpReport;
import io.spillover.attest.evidence.internal.VcekCertificate;
import io.spillover.attest.evidence.internal.VerificationFailure;
import io.spillover.attest.internal.Hex;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Verifies AMD SEV-SNP attestation reports.
 *
 * <ol>
 *   <li>Parses the 1184-byte report (ABI v2+); signature algorithm must be 1 (ECDSA P-384).
 *   <li>Validates VCEK/VLEK → ASK/ASVK → pinned ARK with PKIX at {@code now} (RSASSA-PSS); the
 *       validated chain is cached for the certificates' common validity window.
 *   <li>Checks the ECDSA P-384/SHA-384 signature over bytes 0..0x29F with the VCEK/VLEK key
 *       (r and s are stored as 72-byte little-endian values).
 *   <li>Binds the report to the certificate: the certificate's TCB extensions must equal
 *       REPORTED_TCB, and for a VCEK its hwID must equal CHIP_ID (unless the report masks it).
 *   <li>Applies the policy: debug (policy bit 19), measurement, binding, then VMPL and minimum TCB.
 * </ol>
 * ASK revocation (AMD KDS CRL) is not checked.
 */
public final class SnpVerifier implements AttestationVerifier {
  private final List<X509Certificate> arks;
  private final ChainCache chains = new ChainCache();

  private SnpVerifier(List<X509Certificate> arks) {
    if (arks.isEmpty()) {
      throw new IllegalArgumentException("at least one pinned ARK is required");
    }
    this.arks = List.copyOf(arks);
  }

  /** A verifier trusting only the given AMD root keys (ARKs). */
  public static SnpVerifier pinning(List<X509Certificate> arks) {
    return new SnpVerifier(Objects.requireNonNull(arks, "arks"));
  }

  /** A verifier trusting the AMD ARKs bundled with Spillover ({@link VendorRoots#amdArks()}). */
  public static SnpVerifier withBundledRoots() {
    return new SnpVerifier(VendorRoots.amdArks());
  }

  @Override
  public Platform platform() {
    return Platform.SEV_SNP;
  }

  @Override
  public AttestationResult verify(Evidence evidence, AttestationPolicy policy, Instant now) {
    return Facts.verdict(Platform.SEV_SNP, "SEV-SNP evidence", f -> check(evidence, policy, now, f));
  }

  private void check(Evidence evidence, AttestationPolicy policy, Instant now, Facts f) {
    requirePlatform(evidence);
    SnpReport report = SnpReport.parse(evidence.payload());
    f.measurement = report.measurement;
    f.reportData = report.reportData;
    f.debug = report.debugAllowed();
    f.claim("version", Integer.toString(report.version))
        .claim("policy", String.format("0x%x", report.policy))
        .claim("vmpl", Integer.toString(report.vmpl))
        .claim("signingKey", report.signingKey().name())
        .claim("reportedTcb", report.reportedTcbHex())
        .claim("chipId", Hex.encode(report.chipId))
        .claim("hostData", Hex.encode(report.hostData));
    if (report.signatureAlgo != 1) {
      throw new VerificationFailure("unsupported signature algorithm " + report.signatureAlgo);
    }
    if (report.signingKey() != SnpReport.SigningKey.VCEK && report.signingKey() != SnpReport.SigningKey.VLEK) {
      throw new VerificationFailure("report is not signed by a VCEK or VLEK (" + report.signingKey() + ")");
    }
    X509Certificate key = evidence.endorsement();
    if (key == null) {
      throw new VerificationFailure("no VCEK/VLEK certificate supplied with the report");
    }
    chains.validate(key, evidence.chain(), arks, now, "SEV-SNP " + report.signingKey());
    byte[] sig = report.signatureP1363();
    if (sig == null || !Sigs.es384(key.getPublicKey(), report.signedBytes, sig)) {
      throw new VerificationFailure("report signature does not verify with the " + report.signingKey() + " key");
    }
    VcekCertificate vcek = new VcekCertificate(key);
    f.claim("product", vcek.product());
    SnpTcb tcb = report.reportedTcb(vcek.turin());
    List<String> tcbMismatch = vcek.tcbMismatches(tcb);
    if (!tcbMismatch.isEmpty()) {
      throw new VerificationFailure("REPORTED_TCB not bound to the certificate: " + String.join(", ", tcbMismatch));
    }
    bindChipId(report, vcek, f);
    // the platform's own state (TCB, VMPL) first, then what the guest claims (measurement, binding)
    if (policy.maximumVmpl() != null && report.vmpl > policy.maximumVmpl()) {
      throw new VerificationFailure("VMPL " + report.vmpl + " exceeds the policy maximum " + policy.maximumVmpl());
    }
    if (policy.minimumSnpTcb() != null && !tcb.atLeast(policy.minimumSnpTcb())) {
      throw new VerificationFailure("reported TCB " + tcb + " is below the policy minimum " + policy.minimumSnpTcb());
    }
    PolicyChecks.common(policy, f, now);
  }

  private static void bindChipId(SnpReport report, VcekCertificate vcek, Facts f) {
    byte[] hwid = vcek.hardwareId();
    if (report.signingKey() == SnpReport.SigningKey.VLEK || report.chipIdMasked()) {
      f.claim("chipIdBound", "false");
      return;
    }
    if (hwid == null) {
      throw new VerificationFailure("VCEK has no hwID extension to bind CHIP_ID");
    }
    byte[] chip = hwid.length < report.chipId.length
        ? java.util.Arrays.copyOf(report.chipId, hwid.length) : report.chipId;
    if (!MessageDigest.isEqual(hwid, chip)) {
      throw new VerificationFailure("CHIP_ID does not match the VCEK hwID");
    }
    f.claim("chipIdBound", "true");
  }

  private static void requirePlatform(Evidence evidence) {
    if (evidence.platform() != Platform.SEV_SNP) {
      throw new VerificationFailure("not SEV-SNP evidence: " + evidence.platform());
    }
  }
}
