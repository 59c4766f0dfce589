package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.evidence.internal.Certs;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DcapVectorsTest {
  private static final AttestationPolicy ANY = AttestationPolicy.builder().anyMeasurement().build();
  private final X509Certificate root = SharedData.certs("tdx/intel_sgx_root_ca.pem").get(0);
  private final DcapVerifier tdx = DcapVerifier.tdx(root);
  private final DcapVerifier sgx = DcapVerifier.sgx(root);

  /** Reads a JSON file as a tree (the collateral test fixtures). */
  static final class CollateralJsonFields {
    static JsonNode read(String json) {
      return tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
    }
  }

  static JsonNode tdxVector(int i) {
    return SharedData.vectors().get("tdx").get(i);
  }

  static Evidence phala(String quote, String collateral) {
    return Evidence.tdx(SharedData.bytes(quote), DcapCollateral.fromJson(SharedData.text(collateral)));
  }

  static void assertFields(AttestationResult r, JsonNode v) {
    assertThat(r.measurement()).isEqualTo(v.get("mrtd").asString());
    assertThat(r.reportData()).isEqualTo(v.get("report_data").asString());
    assertThat(r.debug()).isEqualTo(v.get("debug").asBoolean());
    assertThat(r.claims().get("rtmr0")).isEqualTo(v.get("rtmr0").asString());
    assertThat(r.claims().get("teeTcbSvn")).isEqualTo(v.get("tee_tcb_svn").asString());
    assertThat(r.claims().get("tdAttributes")).isEqualTo(v.get("td_attributes").asString());
    assertThat(r.claims().get("version")).isEqualTo(v.get("version").asString());
  }

  @Test
  void phalaTdxQuoteIsUpToDateWithCompleteCollateral() {
    JsonNode v = tdxVector(0);
    Instant now = Instant.parse(v.get("fixed_now").asString());
    AttestationResult r = tdx.verify(phala(v.get("quote").asString(), v.get("collateral").asString()), ANY, now);
    assertThat(r.valid()).as(r.reason()).isTrue();
    assertFields(r, v);
    assertThat(r.claims()).containsEntry("tcbStatus", "UpToDate").containsEntry("tdxModuleTcbStatus", "UpToDate")
        .containsEntry("qeTcbStatus", "UpToDate").containsEntry("pckCrlChecked", "true")
        .containsEntry("rootCaCrlChecked", "true");
    // outside the collateral window (tcbInfo nextUpdate 2025-07-19) and far outside the PCK validity
    AttestationResult late = tdx.verify(phala(v.get("quote").asString(), v.get("collateral").asString()), ANY,
        Instant.parse("2025-08-01T00:00:00Z"));
    assertThat(late.valid()).isFalse();
    assertThat(late.reason()).containsAnyOf("not current", "CRL");
    AttestationResult early = tdx.verify(phala(v.get("quote").asString(), v.get("collateral").asString()), ANY,
        Instant.parse("2015-01-01T00:00:00Z"));
    assertThat(early.reason()).contains("certificate chain invalid");
  }

  @Test
  void phalaOutdatedQuoteMatchesNoTcbLevel() {
    JsonNode v = tdxVector(1);
    Instant now = Instant.parse(v.get("fixed_now").asString());
    AttestationResult r = tdx.verify(phala(v.get("quote").asString(), v.get("collateral").asString()), ANY, now);
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("no TCB level");
    assertFields(r, v);
  }

  @Test
  void goTdxGuestV5SampleIsUpToDateButItsQeIdentityIsStale() {
    JsonNode v = tdxVector(2);
    DcapCollateral c = DcapCollateral.builder()
        .tcbInfoResponse(SharedData.text("tdx/go-tdx-guest/sample_tcbinfo_response_v5"))
        .qeIdentityResponse(SharedData.text("tdx/go-tdx-guest/sample_qeIdentity_response"))
        .tcbInfoIssuerChain(SharedData.certs("tdx/phala-dcap-qvl/tcb_signing_chain_2025.pem"))
        .build();
    Evidence e = Evidence.tdx(SharedData.bytes(v.get("quote").asString()), c);
    AttestationResult r = tdx.verify(e, ANY, Instant.parse("2026-02-03T01:00:00Z"));
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("QE identity is not current");
    assertFields(r, v);
    // the TD_QE identity is platform-independent: pair the sample tcbInfo with a current one
    // (from the phala set, 2026-02-18..2026-03-20) to get the documented UpToDate verdict
    JsonNode phalaOutdated = CollateralJsonFields.read(SharedData.text("tdx/phala-dcap-qvl/tdx_quote_outdated_collateral.json"));
    DcapCollateral current = DcapCollateral.builder()
        .tcbInfoResponse(SharedData.text("tdx/go-tdx-guest/sample_tcbinfo_response_v5"))
        .qeIdentity(phalaOutdated.get("qe_identity").asString(),
            io.spillover.attest.evidence.internal.EvidenceHex.decode(phalaOutdated.get("qe_identity_signature").asString()))
        .tcbInfoIssuerChain(SharedData.certs("tdx/phala-dcap-qvl/tcb_signing_chain_2025.pem"))
        .build();
    Evidence withCurrentQe = Evidence.tdx(SharedData.bytes(v.get("quote").asString()), current);
    AttestationResult ok = tdx.verify(withCurrentQe, ANY, Instant.parse("2026-02-20T00:00:00Z"));
    assertThat(ok.valid()).as(ok.reason()).isTrue();
    assertThat(ok.claims()).containsEntry("tcbStatus", "UpToDate").containsEntry("tdxModuleTcbStatus", "UpToDate");
    // the same FMSPC has complete collateral (with CRLs) in the phala set
    Evidence complete = Evidence.tdx(SharedData.bytes(v.get("quote").asString()),
        DcapCollateral.fromJson(SharedData.text("tdx/phala-dcap-qvl/tdx_quote_outdated_collateral.json")));
    AttestationResult full = tdx.verify(complete, ANY, Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(full.valid()).as(full.reason()).isTrue();
    assertThat(full.claims()).containsEntry("pckCrlChecked", "true").containsEntry("tcbStatus", "UpToDate");
  }

  @Test
  void goTdxGuestSprQuoteMatchesNoTcbLevelWithFullCollateral() {
    JsonNode v = tdxVector(3);
    DcapCollateral c = DcapCollateral.builder()
        .tcbInfoResponse(SharedData.text("tdx/go-tdx-guest/sample_tcbInfo_response"))
        .qeIdentityResponse(SharedData.text("tdx/go-tdx-guest/sample_qeIdentity_response"))
        .tcbInfoIssuerChain(SharedData.certs("tdx/go-tdx-guest/tcb_signing_chain_2018.pem"))
        .pckCrl(Certs.parseCrl(SharedData.bytes("tdx/go-tdx-guest/pckcrl")))
        .rootCaCrl(Certs.parseCrl(SharedData.bytes("tdx/go-tdx-guest/rootcrl.der")))
        .build();
    Evidence e = Evidence.tdx(SharedData.bytes(v.get("quote").asString()), c);
    AttestationResult r = tdx.verify(e, ANY, Instant.parse("2023-07-01T01:00:00Z"));
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("no TCB level");
    assertThat(r.claims()).containsEntry("pckCrlChecked", "true").containsEntry("rootCaCrlChecked", "true");
    assertFields(r, v);
  }

  @Test
  void trusteeQuote6IsOutOfDate() {
    JsonNode v = tdxVector(4);
    DcapCollateral c = DcapCollateral.builder()
        .tcbInfoResponse(SharedData.text("tdx/trustee/tcbInfo.json"))
        .qeIdentityResponse(SharedData.text("tdx/trustee/enclaveIdentity.json"))
        .tcbInfoIssuerChain(SharedData.certs("tdx/phala-dcap-qvl/tcb_signing_chain_2025.pem"))
        .build();
    Evidence e = Evidence.tdx(SharedData.bytes(v.get("quote").asString()), c);
    Instant now = Instant.parse(v.get("fixed_now").asString());
    AttestationResult r = tdx.verify(e, ANY, now);
    assertThat(r.valid()).isFalse();
    assertThat(r.claims()).containsEntry("tcbStatus", "OutOfDate").containsEntry("pckCrlChecked", "false");
    assertThat(r.reason()).contains("TCB status OutOfDate is not accepted");
    assertFields(r, v);
    AttestationPolicy lenient = AttestationPolicy.builder().anyMeasurement().acceptTcbStatuses("UpToDate", "OutOfDate").build();
    assertThat(tdx.verify(e, lenient, now).valid()).isTrue();
  }

  @Test
  void trusteeDebugQuoteVerifiesButTheDefaultPolicyRefusesDebug() {
    JsonNode v = tdxVector(5);
    Evidence e = Evidence.tdx(SharedData.bytes(v.get("quote").asString()), null);
    Instant now = Instant.parse(v.get("fixed_now").asString());
    AttestationResult r = tdx.verify(e, ANY, now);
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("debug");
    assertFields(r, v);
    AttestationPolicy debugNoCollateral = AttestationPolicy.builder().anyMeasurement().allowDebug(true)
        .acceptTcbStatuses("NotEvaluated").build();
    AttestationResult sigOnly = tdx.verify(e, debugNoCollateral, now);
    assertThat(sigOnly.valid()).as(sigOnly.reason()).isTrue();
    assertThat(sigOnly.claims()).containsEntry("tcbStatus", "NotEvaluated");
    AttestationPolicy debugOnly = AttestationPolicy.builder().anyMeasurement().allowDebug(true).build();
    assertThat(tdx.verify(e, debugOnly, now).reason()).contains("NotEvaluated");
  }

  @Test
  void sgxQuoteNeedsConfigurationAndSwHardening() {
    JsonNode v = SharedData.vectors().get("sgx").get(0);
    Evidence e = Evidence.sgx(SharedData.bytes(v.get("quote").asString()),
        DcapCollateral.fromJson(SharedData.text(v.get("collateral").asString())));
    Instant now = Instant.parse(v.get("fixed_now").asString());
    AttestationResult r = sgx.verify(e, ANY, now);
    assertThat(r.valid()).isFalse();
    assertThat(r.claims()).containsEntry("tcbStatus", v.get("expect_tcb_status").asString())
        .containsEntry("mrSigner", v.get("mrsigner").asString())
        .containsEntry("isvProdId", v.get("isvprodid").asString());
    assertThat(r.measurement()).isEqualTo(v.get("mrenclave").asString());
    assertThat(r.reportData()).isEqualTo(v.get("report_data").asString());
    AttestationPolicy accepting = AttestationPolicy.builder().allowMeasurement(v.get("mrenclave").asString())
        .acceptTcbStatuses("UpToDate", "ConfigurationAndSWHardeningNeeded").build();
    AttestationResult ok = sgx.verify(e, accepting, now);
    assertThat(ok.valid()).as(ok.reason()).isTrue();
    assertThat(ok.debug()).isFalse();
    // a TDX verifier refuses SGX evidence
    assertThat(tdx.verify(e, accepting, now).valid()).isFalse();
  }
}
