package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.DcapCollateral;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.internal.Hex;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The DCAP verification steps for TDX and SGX quotes (see {@code DcapVerifier}). */
public final class DcapVerification {
  private static final byte[] INTEL_QE_VENDOR =
      EvidenceHex.decode("939a7233f79c4ca9940a0db3957f0607");

  private DcapVerification() {}

  public static void run(Evidence evidence, AttestationPolicy policy, Instant now,
      X509Certificate root, Facts f) {
    DcapQuote quote = DcapQuote.parse(evidence.payload());
    if (quote.tdx() != (evidence.platform() == Platform.TDX)) {
      throw new VerificationFailure("quote is " + (quote.tdx() ? "TDX" : "SGX") + " but evidence says " + evidence.platform());
    }
    describe(quote, f);
    if (!MessageDigest.isEqual(INTEL_QE_VENDOR, quote.qeVendorId)) {
      throw new VerificationFailure("QE vendor is not Intel");
    }
    List<X509Certificate> pckChain = Certs.parseAll(quote.pckChainPem);
    ChainValidator.Validated pck = ChainValidator.validate(
        pckChain.get(0), pckChain.subList(1, pckChain.size()), List.of(root), now, "PCK");
    if (pck.path().size() != 2) {
      throw new VerificationFailure("PCK chain must be PCK → PCK CA → root, found " + pck.path().size() + " below the root");
    }
    X509Certificate pckCert = pck.path().get(0);
    if (!Sigs.es256(pckCert.getPublicKey(), quote.qeReportBytes, quote.qeReportSignature)) {
      throw new VerificationFailure("QE report signature does not verify with the PCK key");
    }
    byte[] expected = Arrays.copyOf(Sigs.sha256(quote.attestationKey, quote.qeAuthData), 64);
    if (!MessageDigest.isEqual(expected, quote.qeReport.reportData)) {
      throw new VerificationFailure("QE report data does not bind the attestation key");
    }
    if (!Sigs.es256(Sigs.p256(quote.attestationKey), quote.signedBytes, quote.quoteSignature)) {
      throw new VerificationFailure("quote signature does not verify with the attestation key");
    }
    String status = TcbStatus.NOT_EVALUATED;
    DcapCollateral collateral = evidence.collateral();
    if (collateral != null) {
      DcapCollateralChecks.revocation(collateral, pck, root, now, f);
      status = DcapCollateralChecks.tcbStatus(collateral, quote, new PckCertificate(pckCert), root, now, f);
    } else {
      f.claim("pckCrlChecked", "false").claim("rootCaCrlChecked", "false");
    }
    f.claim("tcbStatus", status);
    PolicyChecks.common(policy, f, now);
    if (!policy.acceptedTcbStatuses().contains(status)) {
      throw new VerificationFailure("TCB status " + status + " is not accepted by the policy " + policy.acceptedTcbStatuses());
    }
  }

  private static void describe(DcapQuote q, Facts f) {
    f.reportData = q.reportData();
    f.claim("version", Integer.toString(q.version)).claim("trailingBytes", Integer.toString(q.trailingBytes));
    if (q.tdx()) {
      TdReport td = q.td;
      f.measurement = td.mrTd;
      f.debug = td.debug();
      for (int i = 0; i < 4; i++) {
        f.rtmrs.put(i, td.rtmrs[i]);
      }
      f.claim("teeTcbSvn", Hex.encode(td.teeTcbSvn)).claim("mrSeam", Hex.encode(td.mrSeam))
          .claim("mrSignerSeam", Hex.encode(td.mrSignerSeam))
          .claim("tdAttributes", Hex.encode(td.tdAttributes)).claim("xfam", Hex.encode(td.xfam))
          .claim("mrConfigId", Hex.encode(td.mrConfigId)).claim("mrOwner", Hex.encode(td.mrOwner))
          .claim("mrOwnerConfig", Hex.encode(td.mrOwnerConfig));
      for (int i = 0; i < 4; i++) {
        f.claim("rtmr" + i, Hex.encode(td.rtmrs[i]));
      }
    } else {
      EnclaveReport e = q.enclave;
      f.measurement = e.mrEnclave;
      f.debug = e.debug();
      f.claim("mrSigner", Hex.encode(e.mrSigner)).claim("isvProdId", Integer.toString(e.isvProdId))
          .claim("isvSvn", Integer.toString(e.isvSvn)).claim("attributes", Hex.encode(e.attributes));
    }
  }
}
