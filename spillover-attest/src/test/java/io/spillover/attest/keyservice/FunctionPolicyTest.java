package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.evidence.DevEvidenceVerifier;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.evidence.ReportDataBinding;
import io.spillover.attest.evidence.SnpTcb;
import io.spillover.attest.evidence.VerifierRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a function's policy becomes the verifiers' policy, and the registry adapter around it. */
class FunctionPolicyTest {
  private static final String M = "AB".repeat(48);
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private final byte[] expected = ReportDataBinding.reportData(new byte[] {1, 2}, new byte[] {3});

  @Test
  void everyAttestationMemberIsMapped() {
    FunctionPolicy fp = FunctionPolicy.builder().allowMeasurement(M).allowDebug(true)
        .minimumSnpTcb(SnpTcb.of(3, 0, 8, 115)).acceptTcbStatuses(List.of("UpToDate",
            "SWHardeningNeeded")).maxEvidenceAge(Duration.ofSeconds(30)).build();
    AttestationPolicy ap = fp.attestationPolicy(expected);
    assertThat(ap.measurements()).containsExactly(M.toLowerCase());
    assertThat(ap.anyMeasurement()).isFalse();
    assertThat(ap.allowDebug()).isTrue();
    assertThat(ap.minimumSnpTcb()).isEqualTo(SnpTcb.of(3, 0, 8, 115));
    assertThat(ap.acceptedTcbStatuses()).containsExactlyInAnyOrder("UpToDate", "SWHardeningNeeded");
    assertThat(ap.maxEvidenceAge()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ap.expectedReportData()).isEqualTo(expected);
  }

  @Test
  void defaultsAreStrict() {
    AttestationPolicy ap = FunctionPolicy.of(List.of(M), List.of()).attestationPolicy(expected);
    assertThat(ap.allowDebug()).isFalse();
    assertThat(ap.minimumSnpTcb()).isNull();
    assertThat(ap.acceptedTcbStatuses()).containsExactly(AttestationPolicy.UP_TO_DATE);
    assertThat(ap.maxEvidenceAge()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void grantsNameOnlyTheFunctionsCallersAndNoKeyReleasedToEveryInstance() {
    FunctionPolicy p = FunctionPolicy.builder().allowMeasurement("ab".repeat(48))
        .callers(List.of("a", "b")).grant("m", List.of("a")).grant("m", List.of("b")).build();
    assertThat(p.grants()).isEqualTo(java.util.Map.of("m", java.util.Set.of("a", "b")));
    assertThat(p.grants("m", "a")).isTrue();
    assertThat(p.grants("m", "c")).isFalse();
    assertThat(p.grants("n", "a")).isFalse();
    assertThatThrownBy(() -> FunctionPolicy.builder().allowMeasurement("ab".repeat(48))
        .callers(List.of("a")).grant("m", List.of("c")).build())
        .hasMessageContaining("names caller 'c', which is not among the function's callers");
    assertThatThrownBy(() -> FunctionPolicy.builder().allowMeasurement("ab".repeat(48))
        .callers(List.of("a")).dataKeys(List.of("m")).grant("m", List.of("a")).build())
        .hasMessageContaining("also listed in dataKeys");
  }

  @Test
  void badInputFailsAtBuildTime() {
    assertThatThrownBy(() -> FunctionPolicy.builder().build())
        .hasMessageContaining("at least one measurement");
    assertThatThrownBy(() -> FunctionPolicy.builder().allowMeasurement("a1b2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16..64 bytes of hex");
    assertThatThrownBy(() -> FunctionPolicy.builder().maxEvidenceAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FunctionPolicy.builder().dataKeys(List.of("../etc")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Platform.fromId("sev")).hasMessageContaining("unknown platform 'sev'");
    assertThat(Platform.fromId("SEV-SNP")).isEqualTo(Platform.SEV_SNP);
    assertThat(Platform.fromId("sev_snp")).isEqualTo(Platform.SEV_SNP);
  }

  @Test
  void theAdapterVerifiesWithTheRegistryAtTheGivenInstant() {
    DevEvidenceSource tee = DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT)
        .measurement(HexFormat.of().parseHex(M)).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    RegistryEvidenceVerifier v = RegistryEvidenceVerifier.of(VerifierRegistry.withBundledRoots()
        .with(DevEvidenceVerifier.builder().deployment(Deployment.DEVELOPMENT)
            .trust(DevEvidenceSource.processPublicKey()).build()));
    FunctionPolicy policy = FunctionPolicy.of(List.of(M), List.of());
    Evidence evidence = tee.fetch(expected);

    VerifiedEvidence ok = v.verify(evidence, expected, policy, NOW);
    assertThat(ok.platform()).isEqualTo(Platform.DEV);
    assertThat(ok.measurement()).isEqualTo(M.toLowerCase());
    assertThat(ok.reportData()).isEqualTo(expected);
    assertThat(ok.claims()).containsEntry("simulated", "true");

    assertThatThrownBy(() -> v.verify(evidence, expected, policy, NOW.plus(Duration.ofMinutes(6))))
        .isInstanceOf(EvidenceRejectedException.class).hasMessageContaining("dev evidence: ")
        .hasMessageContaining("older than PT5M");
    assertThatThrownBy(() -> v.verify(evidence, new byte[64], policy, NOW))
        .hasMessageContaining("report data does not match");
    FunctionPolicy snpOnly = FunctionPolicy.builder().allowMeasurement(M)
        .platforms(List.of(Platform.SEV_SNP)).build();
    assertThatThrownBy(() -> v.verify(evidence, expected, snpOnly, NOW))
        .hasMessageContaining("accepts only [SEV_SNP]");
    assertThatThrownBy(() -> RegistryEvidenceVerifier.withBundledRoots()
        .verify(evidence, expected, policy, NOW))
        .hasMessageContaining("this key service has no dev verifier");
  }
}
