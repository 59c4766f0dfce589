package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.DcapCollateral;
import io.spillover.attest.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Checks Intel collateral: CRLs, TCB info and QE identity signatures and validity, TCB status. */
final class DcapCollateralChecks {
  private DcapCollateralChecks() {}

  /** PCK CA against the root CA CRL, PCK against the PCK CA's CRL, whichever is supplied. */
  static void revocation(DcapCollateral c, ChainValidator.Validated pck, X509Certificate root,
      Instant now, Facts f) {
    X509Certificate pckCert = pck.path().get(0);
    X509Certificate pckCa = pck.path().get(1);
    if (c.rootCaCrl() != null) {
      checkCrl(c.rootCaCrl(), root, pckCa, now, "root CA CRL");
    }
    if (c.pckCrl() != null) {
      checkCrl(c.pckCrl(), pckCa, pckCert, now, "PCK CRL");
    }
    f.claim("pckCrlChecked", Boolean.toString(c.pckCrl() != null))
        .claim("rootCaCrlChecked", Boolean.toString(c.rootCaCrl() != null));
  }

  private static void checkCrl(X509CRL crl, X509Certificate issuer, X509Certificate subject,
      Instant now, String what) {
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new VerificationFailure(what + " is not issued by " + issuer.getSubjectX500Principal().getName());
    }
    try {
      crl.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new VerificationFailure(what + " signature does not verify: " + e.getMessage());
    }
    Instant thisUpdate = crl.getThisUpdate().toInstant();
    if (now.isBefore(thisUpdate) || crl.getNextUpdate() == null || now.isAfter(crl.getNextUpdate().toInstant())) {
      throw new VerificationFailure(what + " is not current at " + now);
    }
    if (crl.isRevoked(subject)) {
      throw new VerificationFailure(subject.getSubjectX500Principal().getName() + " is revoked (" + what + ")");
    }
  }

  static String tcbStatus(DcapCollateral c, DcapQuote quote, PckCertificate pck,
      X509Certificate root, Instant now, Facts f) {
    TcbInfo tcb = new TcbInfo(signed(c.tcbInfo(), c.tcbInfoSignature(), c.tcbInfoIssuerChain(), root, now, "TCB info"));
    QeIdentity qe = new QeIdentity(signed(c.qeIdentity(), c.qeIdentitySignature(), c.qeIdentityIssuerChain(), root, now, "QE identity"));
    current(tcb.issueDate, tcb.nextUpdate, now, "TCB info");
    current(qe.issueDate, qe.nextUpdate, now, "QE identity");
    String expectedId = quote.tdx() ? "TDX" : "SGX";
    if (!tcb.id.equals(expectedId)) {
      throw new VerificationFailure("TCB info is for " + tcb.id + ", quote is " + expectedId);
    }
    if (qe.id != null && !qe.id.equals(quote.tdx() ? "TD_QE" : "QE")) {
      throw new VerificationFailure("QE identity " + qe.id + " does not fit a " + expectedId + " quote");
    }
    if (!tcb.fmspc.equals(Hex.encode(pck.fmspc)) || !tcb.pceId.equals(Hex.encode(pck.pceId))) {
      throw new VerificationFailure("TCB info is for FMSPC " + tcb.fmspc + ", PCK certifies " + Hex.encode(pck.fmspc));
    }
    String qeStatus = qe.evaluate(quote.qeReport);
    String platform = tcb.platformStatus(pck, quote.td);
    if (platform == null) {
      throw new VerificationFailure("no TCB level in the TCB info matches the platform (TCB not supported)");
    }
    f.claim("qeTcbStatus", qeStatus).claim("platformTcbStatus", platform);
    String status = TcbStatus.combine(platform, qeStatus);
    if (quote.tdx()) {
      String module = tcb.moduleStatus(quote.td);
      f.claim("tdxModuleTcbStatus", module);
      status = TcbStatus.combine(status, module);
    }
    return status;
  }

  private static String signed(String json, byte[] signature, List<X509Certificate> chain,
      X509Certificate root, Instant now, String what) {
    if (chain.isEmpty()) {
      throw new VerificationFailure(what + " has no issuer chain");
    }
    X509Certificate signer = chain.get(0);
    ChainValidator.validate(signer, chain.subList(1, chain.size()), List.of(root), now, what + " signer");
    if (!Sigs.es256(signer.getPublicKey(), json.getBytes(StandardCharsets.UTF_8), signature)) {
      throw new VerificationFailure(what + " signature does not verify");
    }
    return json;
  }

  private static void current(Instant issued, Instant next, Instant now, String what) {
    if (now.isBefore(issued) || !now.isBefore(next)) {
      throw new VerificationFailure(what + " is not current at " + now + " (valid " + issued + " .. " + next + ")");
    }
  }
}
