package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.CollateralJson;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Intel PCS collateral for verifying a DCAP quote: TCB info and QE identity (each the exact JSON
 * text that Intel signed, plus its signature and issuer chain) and optionally the PCK and root CA
 * CRLs. Obtain it from {@link #fromJson} (the combined JSON of PCCS / dcap-qvl) or assemble raw
 * PCS responses with {@link #builder()}. The signed JSON is kept byte for byte: Intel signs the
 * serialized text, so it is never re-serialized.
 */
public final class DcapCollateral {
  private final String tcbInfo;
  private final byte[] tcbInfoSignature;
  private final List<X509Certificate> tcbInfoIssuerChain;
  private final String qeIdentity;
  private final byte[] qeIdentitySignature;
  private final List<X509Certificate> qeIdentityIssuerChain;
  private final X509CRL pckCrl;
  private final X509CRL rootCaCrl;

  private DcapCollateral(Builder b) {
    tcbInfo = Objects.requireNonNull(b.tcbInfo, "tcbInfo");
    tcbInfoSignature = Objects.requireNonNull(b.tcbInfoSignature, "tcbInfo signature");
    qeIdentity = Objects.requireNonNull(b.qeIdentity, "qeIdentity");
    qeIdentitySignature = Objects.requireNonNull(b.qeIdentitySignature, "qeIdentity signature");
    tcbInfoIssuerChain = List.copyOf(Objects.requireNonNull(b.tcbInfoIssuerChain, "tcbInfo issuer chain"));
    qeIdentityIssuerChain = List.copyOf(b.qeIdentityIssuerChain == null ? tcbInfoIssuerChain : b.qeIdentityIssuerChain);
    pckCrl = b.pckCrl;
    rootCaCrl = b.rootCaCrl;
  }

  /**
   * Parses the combined collateral JSON: string fields {@code tcb_info}, {@code tcb_info_signature}
   * (hex), {@code tcb_info_issuer_chain} (PEM), {@code qe_identity}, {@code qe_identity_signature},
   * {@code qe_identity_issuer_chain}, and optional {@code pck_crl}, {@code root_ca_crl} (hex or PEM
   * DER CRLs). {@code pck_crl_issuer_chain} is not needed: the PCK CA comes with the quote.
   *
   * @throws MalformedEvidenceException if fields are missing or malformed
   */
  public static DcapCollateral fromJson(String json) {
    return CollateralJson.parse(json);
  }

  /** This collateral in the combined JSON format that {@link #fromJson} reads. */
  public String toJson() {
    return CollateralJson.write(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The signed TCB info JSON object, exactly as signed. */
  public String tcbInfo() {
    return tcbInfo;
  }

  public byte[] tcbInfoSignature() {
    return tcbInfoSignature.clone();
  }

  public List<X509Certificate> tcbInfoIssuerChain() {
    return tcbInfoIssuerChain;
  }

  /** The signed QE identity JSON object, exactly as signed. */
  public String qeIdentity() {
    return qeIdentity;
  }

  public byte[] qeIdentitySignature() {
    return qeIdentitySignature.clone();
  }

  public List<X509Certificate> qeIdentityIssuerChain() {
    return qeIdentityIssuerChain;
  }

  /** The CRL of the PCK's issuing CA, or null (then PCK revocation is not checked). */
  public X509CRL pckCrl() {
    return pckCrl;
  }

  /** The Intel SGX Root CA's CRL, or null (then PCK CA revocation is not checked). */
  public X509CRL rootCaCrl() {
    return rootCaCrl;
  }

  /** Assembles collateral from separately fetched parts. */
  public static final class Builder {
    private String tcbInfo;
    private byte[] tcbInfoSignature;
    private List<X509Certificate> tcbInfoIssuerChain;
    private String qeIdentity;
    private byte[] qeIdentitySignature;
    private List<X509Certificate> qeIdentityIssuerChain;
    private X509CRL pckCrl;
    private X509CRL rootCaCrl;

    private Builder() {}

    /** The signed JSON text of the {@code tcbInfo} object and its raw r‖s signature. */
    public Builder tcbInfo(String signedJson, byte[] signature) {
      this.tcbInfo = Objects.requireNonNull(signedJson, "signedJson");
      this.tcbInfoSignature = Objects.requireNonNull(signature, "signature").clone();
      return this;
    }

    /** A PCS TCB info response body {@code {"tcbInfo":{...},"signature":"hex"}}, as served. */
    public Builder tcbInfoResponse(String body) {
      CollateralJson.Signed s = CollateralJson.signedMember(body, "tcbInfo");
      return tcbInfo(s.json(), s.signature());
    }

    /** The signed JSON text of the {@code enclaveIdentity} object and its raw r‖s signature. */
    public Builder qeIdentity(String signedJson, byte[] signature) {
      this.qeIdentity = Objects.requireNonNull(signedJson, "signedJson");
      this.qeIdentitySignature = Objects.requireNonNull(signature, "signature").clone();
      return this;
    }

    /** A PCS QE identity response body {@code {"enclaveIdentity":{...},"signature":"hex"}}. */
    public Builder qeIdentityResponse(String body) {
      CollateralJson.Signed s = CollateralJson.signedMember(body, "enclaveIdentity");
      return qeIdentity(s.json(), s.signature());
    }

    /** TCB Signing certificate (+ root) for TCB info; also used for QE identity unless set. */
    public Builder tcbInfoIssuerChain(List<X509Certificate> chain) {
      this.tcbInfoIssuerChain = List.copyOf(chain);
      return this;
    }

    public Builder qeIdentityIssuerChain(List<X509Certificate> chain) {
      this.qeIdentityIssuerChain = List.copyOf(chain);
      return this;
    }

    public Builder pckCrl(X509CRL crl) {
      this.pckCrl = Objects.requireNonNull(crl, "crl");
      return this;
    }

    public Builder rootCaCrl(X509CRL crl) {
      this.rootCaCrl = Objects.requireNonNull(crl, "crl");
      return this;
    }

    public DcapCollateral build() {
      return new DcapCollateral(this);
    }
  }
}
