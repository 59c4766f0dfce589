package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.evidence.SharedData;
import io.spillover.attest.evidence.SnpTcb;
import io.spillover.attest.evidence.internal.Encodings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key service against a real SEV-SNP report (milan-trustee, non-debug, valid on 2024-01-01).
 * The report cannot carry the report data of a nonce issued now, so the service must refuse it;
 * that the refusal names the binding shows signature, chain, measurement and TCB passed first.
 */
class KeyServiceRealEvidenceTest {
  private static final String TRUSTEE =
      "a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c";
  private static final String VALID_AT = "2024-01-01T00:00:00Z";

  @TempDir Path dir;

  private static Evidence trustee() {
    return Evidence.snp(
        Encodings.decodeEvidence(SharedData.bytes("snp/milan-trustee/test-report.bin")),
        SharedData.certs("snp/milan-trustee/test-vcek.der").get(0),
        SharedData.certs("snp/milan-gsg/ask_ark_milan.pem"));
  }

  private KeyServiceFixture at(String now, UnaryOperator<FunctionPolicy.Builder> policy)
      throws Exception {
    FunctionPolicy p = policy.apply(FunctionPolicy.builder().allowMeasurement(TRUSTEE)
        .platforms(List.of(Platform.SEV_SNP)).callers(List.of("frontend"))).build();
    return new KeyServiceFixture(dir.resolve(now.replace(':', '-') + System.nanoTime()),
        Instant.parse(now).toEpochMilli(), b -> b.function("snp-fn", p));
  }

  private static String refusal(KeyServiceFixture ks) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(
        () -> ks.client.attest("snp-fn", KeyServiceFixture.replaying(trustee())));
    assertThat(t).isInstanceOfSatisfying(KeyServiceException.class,
        e -> assertThat(e.status()).isEqualTo(403));
    return t.getMessage();
  }

  @Test
  void aRealReportIsRefusedBecauseItDoesNotBindTheFreshNonceAndTheRefusalIsAudited()
      throws Exception {
    try (KeyServiceFixture ks = at(VALID_AT, p -> p)) {
      assertThat(refusal(ks)).contains("evidence rejected: sev-snp evidence: report data does not"
          + " match the expected value");
      assertThat(Files.readString(ks.auditFile)).contains("KEY_RELEASE_REFUSED")
          .contains("report data does not match").doesNotContain("\"kind\":\"KEY_RELEASE\"");
      // the same service releases to the (development) simulator that binds the nonce
      assertThat(ks.client.attest("compose", ks.tee).function()).isEqualTo("compose");
    }
  }

  @Test
  void theFunctionPolicyIsWhatTheHardwareVerifierEnforces() throws Exception {
    try (KeyServiceFixture ks = at(VALID_AT, p -> FunctionPolicy.builder()
        .allowMeasurement("00".repeat(48)).callers(List.of("frontend")))) {
      assertThat(refusal(ks)).contains("measurement " + TRUSTEE + " is not allowed by the policy");
    }
    try (KeyServiceFixture ks = at(VALID_AT, p -> p.minimumSnpTcb(SnpTcb.of(3, 0, 8, 200)))) {
      assertThat(refusal(ks)).contains("sev-snp evidence:").contains("TCB");
    }
    try (KeyServiceFixture ks = at(VALID_AT, p -> FunctionPolicy.builder()
        .allowMeasurement(TRUSTEE).platforms(List.of(Platform.NITRO)).callers(List.of("frontend")))) {
      assertThat(refusal(ks)).contains("the function's policy accepts only [NITRO]");
    }
  }

  @Test
  void theKeyServicesClockJudgesTheCertificates() throws Exception {
    try (KeyServiceFixture ks = at("2050-01-01T00:00:00Z", p -> p)) {
      assertThat(refusal(ks)).contains("certificate chain invalid");
    }
  }

  @Test
  void aBundleTheServiceCannotParseIsABadRequestNotARefusal() throws Exception {
    try (KeyServiceFixture ks = at(VALID_AT, p -> p)) {
      Evidence truncated = Evidence.snp(new byte[10], null, List.of());
      assertThatThrownBy(() -> ks.client.attest("snp-fn", KeyServiceFixture.replaying(truncated)))
          .hasMessageContaining("sev-snp evidence: malformed");
    }
  }
}
