package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.evidence.internal.Encodings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NitroVectorsTest {
  private static final AttestationPolicy ANY_WITH_DEBUG =
      AttestationPolicy.builder().anyMeasurement().allowDebug(true).build();
  private static final AttestationPolicy ANY = AttestationPolicy.builder().anyMeasurement().build();
  private final NitroVerifier verifier =
      NitroVerifier.pinning(SharedData.certs("nitro/aws_nitro_root_g1.pem").get(0));

  static List<JsonNode> samples() {
    List<JsonNode> out = new ArrayList<>();
    SharedData.vectors().get("nitro").forEach(out::add);
    assertThat(out).hasSize(5);
    return out;
  }

  static Evidence evidence(JsonNode v) {
    return Evidence.nitro(Encodings.decodeEvidence(SharedData.bytes(v.get("file").asString())));
  }

  static Instant fixedNow(JsonNode v) {
    return Instant.parse(v.get("fixed_now").asString());
  }

  @Test
  void everyDocumentVerifiesAtItsTimestampWithItsDocumentedFields() {
    for (JsonNode v : samples()) {
      String name = v.get("file").asString();
      AttestationResult r = verifier.verify(evidence(v), ANY_WITH_DEBUG, fixedNow(v));
      assertThat(r.valid()).as(name + ": " + r.reason()).isTrue();
      assertThat(r.debug()).as(name).isEqualTo(v.get("debug_mode").asBoolean());
      assertThat(r.claims().get("moduleId")).as(name).isEqualTo(v.get("module_id").asString());
      assertThat(r.claims().get("timestamp"))
          .isEqualTo(Instant.ofEpochMilli(v.get("timestamp_ms").asLong()).toString());
      for (Map.Entry<String, JsonNode> pcr : v.get("pcrs").properties()) {
        assertThat(r.claims().get("pcr" + pcr.getKey())).as(name).isEqualTo(pcr.getValue().asString());
      }
      if (v.get("user_data_hex").isString()) {
        assertThat(r.reportData()).isEqualTo(v.get("user_data_hex").asString());
      }
      AttestationResult strict = verifier.verify(evidence(v), ANY, fixedNow(v));
      assertThat(strict.valid()).as(name).isEqualTo(!v.get("debug_mode").asBoolean());
      if (!strict.valid()) {
        assertThat(strict.reason()).contains("debug");
      }
    }
  }

  @Test
  void everyDocumentFailsAtTodayBecauseItsChainExpired() {
    for (JsonNode v : samples()) {
      AttestationResult r = verifier.verify(evidence(v), ANY_WITH_DEBUG, Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(r.valid()).isFalse();
      assertThat(r.reason()).contains("certificate chain invalid");
      AttestationResult early = verifier.verify(evidence(v), ANY_WITH_DEBUG, fixedNow(v).minus(Duration.ofDays(30)));
      assertThat(early.valid()).isFalse();
    }
  }

  @Test
  void maxAgeIsMeasuredFromTheDocumentTimestamp() {
    JsonNode v = samples().get(1); // production doc
    Instant ts = fixedNow(v);
    AttestationPolicy fresh = AttestationPolicy.builder().anyMeasurement().maxEvidenceAge(Duration.ofMinutes(5)).build();
    assertThat(verifier.verify(evidence(v), fresh, ts.plus(Duration.ofMinutes(4))).valid()).isTrue();
    AttestationResult stale = verifier.verify(evidence(v), fresh, ts.plus(Duration.ofMinutes(6)));
    assertThat(stale.valid()).isFalse();
    assertThat(stale.reason()).contains("older than");
  }

  @Test
  void pcrAllowListsAndPublicKeyNonceBinding() {
    JsonNode blocky = samples().get(3);
    String pcr0 = blocky.get("pcrs").get("0").asString();
    byte[] ones = new byte[1024];
    Arrays.fill(ones, (byte) 1);
    AttestationPolicy good = AttestationPolicy.builder().allowPcr(0, pcr0)
        .allowPcr(2, blocky.get("pcrs").get("2").asString()).bindTo(ones, ones).build();
    assertThat(verifier.verify(evidence(blocky), good, fixedNow(blocky)).valid()).isTrue();

    byte[] otherKey = ones.clone();
    otherKey[7] = 2;
    AttestationPolicy wrongKey = AttestationPolicy.builder().allowPcr(0, pcr0).bindTo(otherKey, ones).build();
    assertThat(verifier.verify(evidence(blocky), wrongKey, fixedNow(blocky)).reason()).contains("public_key/nonce");

    AttestationPolicy wrongPcr = AttestationPolicy.builder().allowPcr(0, "00".repeat(47) + "01").build();
    assertThat(verifier.verify(evidence(blocky), wrongPcr, fixedNow(blocky)).reason()).contains("PCR0");
    AttestationPolicy wrongMeasurement = AttestationPolicy.builder().allowMeasurement("ab".repeat(48)).build();
    assertThat(verifier.verify(evidence(blocky), wrongMeasurement, fixedNow(blocky)).reason()).contains("measurement");
  }
}
