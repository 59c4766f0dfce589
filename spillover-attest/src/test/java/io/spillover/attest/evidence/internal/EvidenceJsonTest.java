package io.spillover.attest.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.DcapCollateral;
import io.spillover.attest.evidence.DcapVerifier;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.SharedData;
import io.spillover.attest.evidence.SnpVerifier;
import io.spillover.attest.evidence.VendorRoots;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The evidence bundle survives the wire: the verdict on real evidence is the same after it. */
class EvidenceJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AttestationPolicy ANY = AttestationPolicy.builder().anyMeasurement().build();

  private static Evidence wire(Evidence e) {
    return EvidenceJson.read(JSON.readTree(JSON.writeValueAsString(EvidenceJson.write(e))));
  }

  @Test
  void snpReportWithEndorsementAndChainRoundTrips() {
    Evidence snp = Evidence.snp(
        Encodings.decodeEvidence(SharedData.bytes("snp/milan-trustee/test-report.bin")),
        SharedData.certs("snp/milan-trustee/test-vcek.der").get(0),
        SharedData.certs("snp/milan-gsg/ask_ark_milan.pem"));
    Evidence back = wire(snp);
    assertThat(back.payload()).isEqualTo(snp.payload());
    assertThat(back.endorsement()).isEqualTo(snp.endorsement());
    assertThat(back.chain()).isEqualTo(snp.chain());
    assertThat(SnpVerifier.withBundledRoots().verify(back, ANY,
        Instant.parse("2024-01-01T00:00:00Z")).valid()).isTrue();
  }

  @Test
  void tdxQuoteWithCollateralRoundTripsAndStillVerifies() {
    Evidence tdx = Evidence.tdx(SharedData.bytes("tdx/phala-dcap-qvl/tdx_quote"),
        DcapCollateral.fromJson(SharedData.text("tdx/phala-dcap-qvl/tdx_quote_collateral.json")));
    var verdict = DcapVerifier.tdx(VendorRoots.intelSgxRoot())
        .verify(wire(tdx), ANY, Instant.parse("2025-07-01T00:00:00Z"));
    assertThat(verdict.valid()).as(String.valueOf(verdict.reason())).isTrue();
    assertThat(verdict.claims()).containsEntry("pckCrlChecked", "true");
  }

  @Test
  void malformedBundlesAreTypedErrorsNamingTheMember() {
    ObjectNode b = EvidenceJson.write(Evidence.nitro(new byte[] {1}));
    assertThat(b.get("platform").asString()).isEqualTo("nitro");
    assertThatThrownBy(() -> EvidenceJson.read(b.deepCopy().put("endorsement", "AA==")))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("for sev-snp");
    assertThatThrownBy(() -> EvidenceJson.read(b.deepCopy().put("payload", "!!")))
        .hasMessageContaining("'payload' is not base64");
    assertThatThrownBy(() -> EvidenceJson.read(b.deepCopy().put("platform", "sev")))
        .hasMessageContaining("unknown platform 'sev'");
    assertThatThrownBy(() -> EvidenceJson.read(b.deepCopy().put("extra", "x")))
        .hasMessageContaining("unknown member 'extra'");
    ObjectNode noPayload = b.deepCopy();
    noPayload.remove("payload");
    assertThatThrownBy(() -> EvidenceJson.read(noPayload)).hasMessageContaining("no 'payload'");
    assertThatThrownBy(() -> EvidenceJson.read(null)).hasMessageContaining("JSON object");
  }
}
