package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.evidence.internal.Encodings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SnpVectorsTest {
  private static final AttestationPolicy ANY_WITH_DEBUG =
      AttestationPolicy.builder().anyMeasurement().allowDebug(true).build();
  private static final AttestationPolicy ANY = AttestationPolicy.builder().anyMeasurement().build();
  private final SnpVerifier verifier = SnpVerifier.withBundledRoots();

  static List<JsonNode> samples() {
    List<JsonNode> out = new ArrayList<>();
    SharedData.vectors().get("snp").forEach(out::add);
    assertThat(out).hasSize(5);
    return out;
  }

  static Evidence evidence(JsonNode v) {
    return Evidence.snp(Encodings.decodeEvidence(SharedData.bytes(v.get("report").asString())),
        SharedData.certs(v.get("endorsement_cert").asString()).get(0),
        SharedData.certs(v.get("cert_chain_ask_then_ark").asString()));
  }

  @Test
  void everySampleVerifiesAtItsFixedNowWithItsDocumentedFields() {
    for (JsonNode v : samples()) {
      Instant now = Instant.parse(v.get("fixed_now").asString());
      AttestationResult r = verifier.verify(evidence(v), ANY_WITH_DEBUG, now);
      String name = v.get("name").asString();
      assertThat(r.valid()).as(name + ": " + r.reason()).isTrue();
      assertThat(r.measurement()).as(name).isEqualTo(v.get("measurement").asString());
      assertThat(r.reportData()).as(name).isEqualTo(v.get("report_data").asString());
      assertThat(r.debug()).as(name).isEqualTo(v.get("policy_debug_allowed").asBoolean());
      assertThat(r.claims().get("vmpl")).as(name).isEqualTo(v.get("vmpl").asString());
      assertThat(r.claims().get("signingKey")).as(name).isEqualTo(v.get("signing_key").asString());
      assertThat(r.claims().get("reportedTcb")).as(name).isEqualTo(v.get("reported_tcb").asString());
      assertThat(r.claims().get("chipId")).as(name).isEqualTo(v.get("chip_id").asString());
      assertThat(r.claims().get("policy")).as(name).isEqualTo(v.get("policy").asString());
      // default policy: valid unless debug is allowed by the guest policy
      AttestationResult strict = verifier.verify(evidence(v), ANY, now);
      assertThat(strict.valid()).as(name).isEqualTo(!v.get("policy_debug_allowed").asBoolean());
    }
  }

  @Test
  void everySampleFailsOutsideItsChainValidity() {
    for (JsonNode v : samples()) {
      AttestationResult before = verifier.verify(evidence(v), ANY_WITH_DEBUG, Instant.parse("2015-01-01T00:00:00Z"));
      assertThat(before.valid()).isFalse();
      assertThat(before.reason()).contains("certificate chain invalid");
      AttestationResult after = verifier.verify(evidence(v), ANY_WITH_DEBUG, Instant.parse("2050-01-01T00:00:00Z"));
      assertThat(after.valid()).isFalse();
      assertThat(after.reason()).contains("certificate chain invalid");
    }
  }

  @Test
  void vlekSampleIsExpiredAtEndOf2025() {
    JsonNode vlek = samples().get(3);
    assertThat(vlek.get("signing_key").asString()).isEqualTo("VLEK");
    AttestationResult r = verifier.verify(evidence(vlek), ANY, Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("certificate chain invalid");
    assertThat(r.claims()).containsEntry("signingKey", "VLEK");
  }

  @Test
  void genoaReportDataBindsAzureRuntimeData() throws Exception {
    JsonNode genoa = samples().get(4);
    byte[] runtime = SharedData.bytes("snp/genoa-azure/runtime_data.json");
    byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(runtime);
    AttestationPolicy bound = AttestationPolicy.builder().anyMeasurement().expectReportData(hash).build();
    Instant now = Instant.parse(genoa.get("fixed_now").asString());
    assertThat(verifier.verify(evidence(genoa), bound, now).valid()).isTrue();
    hash[0] ^= 1;
    AttestationPolicy wrong = AttestationPolicy.builder().anyMeasurement().expectReportData(hash).build();
    assertThat(verifier.verify(evidence(genoa), wrong, now).reason()).contains("report data");
  }
}
