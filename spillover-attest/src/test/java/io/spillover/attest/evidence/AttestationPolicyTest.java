package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttestationPolicyTest {
  @Test
  void aPolicyMustPinSomethingOrSayAnyMeasurement() {
    assertThatThrownBy(() -> AttestationPolicy.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThat(AttestationPolicy.builder().anyMeasurement().build().allowDebug()).isFalse();
    assertThat(AttestationPolicy.builder().anyMeasurement().build().acceptedTcbStatuses()).containsExactly("UpToDate");
  }

  @Test
  void settersValidateEagerly() {
    AttestationPolicy.Builder b = AttestationPolicy.builder();
    assertThatThrownBy(() -> b.allowMeasurement("xyz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.allowPcr(32, "00".repeat(48))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.allowRtmr(4, "00".repeat(48))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maximumVmpl(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxEvidenceAge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.bindTo(new byte[0], new byte[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.acceptTcbStatuses()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SnpTcb.of(256, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void measurementsAreNormalizedToLowerCase() {
    AttestationPolicy p = AttestationPolicy.builder().allowMeasurement("AB".repeat(48)).build();
    assertThat(p.measurements()).containsExactly("ab".repeat(48));
  }

  @Test
  void snpTcbComparisonIsPerComponent() {
    assertThat(SnpTcb.of(3, 0, 8, 115).atLeast(SnpTcb.of(2, 0, 8, 115))).isTrue();
    assertThat(SnpTcb.of(3, 0, 8, 115).atLeast(SnpTcb.of(2, 0, 9, 100))).isFalse();
  }

  @Test
  void aPolicyPinningOnlyNitroPcrsDoesNotOpenSnp() {
    AttestationPolicy nitroOnly = AttestationPolicy.builder().allowPcr(0, "00".repeat(48)).build();
    AttestationResult r = SnpVerifier.withBundledRoots().verify(
        Evidence.snp(SharedData.bytes("snp/milan-trustee/test-report.bin"),
            SharedData.certs("snp/milan-trustee/test-vcek.der").get(0),
            SharedData.certs("snp/milan-gsg/ask_ark_milan.pem")),
        nitroOnly, Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("pins no measurement for SEV_SNP");
  }

  @Test
  void vmplAndRtmrConstraints() {
    Evidence vlek = Evidence.snp(SharedData.bytes("snp/milan-trustee/test-vlek-report.bin"),
        SharedData.certs("snp/milan-trustee/test-vlek.der").get(0), SharedData.certs("snp/milan-gsg/ask_ark_milan_vlek.pem"));
    AttestationResult r = SnpVerifier.withBundledRoots().verify(vlek,
        AttestationPolicy.builder().anyMeasurement().maximumVmpl(0).build(), Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(r.reason()).contains("VMPL 1");
    Evidence tdx = Evidence.tdx(SharedData.bytes("tdx/phala-dcap-qvl/tdx_quote"),
        DcapCollateral.fromJson(SharedData.text("tdx/phala-dcap-qvl/tdx_quote_collateral.json")));
    String mrtd = "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7";
    String rtmr0 = "44c0197b39157fdd7a4dcc44767f9d6b0bb3977c7a8e347b8492f827fe9d9e5c48aca29b220b80b6a540cf994b9bc9c0";
    DcapVerifier v = DcapVerifier.tdx(VendorRoots.intelSgxRoot());
    Instant now = Instant.parse("2025-07-01T00:00:00Z");
    assertThat(v.verify(tdx, AttestationPolicy.builder().allowMeasurement(mrtd).allowRtmr(0, rtmr0).build(), now).valid()).isTrue();
    assertThat(v.verify(tdx, AttestationPolicy.builder().allowMeasurement(mrtd).allowRtmr(0, "00".repeat(48)).build(), now)
        .reason()).contains("RTMR0");
  }
}
