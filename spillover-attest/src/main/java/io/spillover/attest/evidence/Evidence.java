package io.spillover.attest.evidence;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One piece of attestation evidence as produced by a function instance, with the endorsements
 * that travel with it. Nothing here is trusted: verifiers check it against pinned vendor roots.
 */
public final class Evidence {
  private final Platform platform;
  private final byte[] payload;
  private final X509Certificate endorsement;
  private final List<X509Certificate> chain;
  private final DcapCollateral collateral;

  private Evidence(Platform platform, byte[] payload, X509Certificate endorsement,
      List<X509Certificate> chain, DcapCollateral collateral) {
    this.platform = Objects.requireNonNull(platform, "platform");
    this.payload = Objects.requireNonNull(payload, "payload").clone();
    this.endorsement = endorsement;
    this.chain = List.copyOf(chain);
    this.collateral = collateral;
  }

  /**
   * An SEV-SNP report (1184 bytes) with its VCEK or VLEK certificate and the intermediate(s)
   * (ASK or ASVK; an ARK in the list is ignored, the verifier uses its pinned ARKs).
   */
  public static Evidence snp(byte[] report, X509Certificate endorsement, List<X509Certificate> chain) {
    return new Evidence(Platform.SEV_SNP, report, endorsement, chain, null);
  }

  /** A Nitro attestation document (COSE_Sign1, CBOR); its certificates are inside it. */
  public static Evidence nitro(byte[] document) {
    return new Evidence(Platform.NITRO, document, null, List.of(), null);
  }

  /** A TDX quote (v4 or v5) with its collateral; without collateral no TCB status is known. */
  public static Evidence tdx(byte[] quote, DcapCollateral collateral) {
    return new Evidence(Platform.TDX, quote, null, List.of(), collateral);
  }

  /** An SGX quote (v3) with its collateral; without collateral no TCB status is known. */
  public static Evidence sgx(byte[] quote, DcapCollateral collateral) {
    return new Evidence(Platform.SGX, quote, null, List.of(), collateral);
  }

  /** A report from {@link DevEvidenceSource}. */
  public static Evidence dev(byte[] report) {
    return new Evidence(Platform.DEV, report, null, List.of(), null);
  }

  public Platform platform() {
    return platform;
  }

  /** The report, document or quote bytes (a copy). */
  public byte[] payload() {
    return payload.clone();
  }

  /** SEV-SNP: the VCEK/VLEK certificate, or null when the source could not supply it. */
  public X509Certificate endorsement() {
    return endorsement;
  }

  /** SEV-SNP: intermediate certificates supplied with the evidence (untrusted). */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** TDX/SGX: the collateral, or null. */
  public DcapCollateral collateral() {
    return collateral;
  }
}
