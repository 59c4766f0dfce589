package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.evidence.internal.Encodings;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated, flipped and random inputs yield invalid results or typed exceptions, never crashes. */
class GarbageInputTest {
  private static final AttestationPolicy ANY = AttestationPolicy.builder().anyMeasurement().allowDebug(true).build();
  private static final int SGX_STRUCTURAL = 4600;
  private final Random random = new Random(42);

  /** Truncations below {@code structural} bytes must be invalid; beyond it lie unsigned trailing bytes. */
  private void hammer(AttestationVerifier v, byte[] good, int structural,
      java.util.function.Function<byte[], Evidence> wrap, Instant now) {
    int step = Math.max(1, good.length / 150);
    for (int len = 0; len < good.length; len += step) {
      AttestationResult r = v.verify(wrap.apply(Arrays.copyOf(good, len)), ANY, now);
      if (len < structural) {
        assertThat(r.valid()).as("truncated to %d", len).isFalse();
        assertThat(r.reason()).isNotBlank();
      }
    }
    for (int i = 0; i < 300; i++) {
      byte[] mutated = good.clone();
      for (int k = 0; k < 4; k++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      AttestationResult r = v.verify(wrap.apply(mutated), ANY, now);
      assertThat(r).isNotNull();
      if (!r.valid()) {
        assertThat(r.reason()).isNotBlank();
      }
    }
    for (int i = 0; i < 50; i++) {
      byte[] noise = new byte[random.nextInt(2 * good.length)];
      random.nextBytes(noise);
      assertThat(v.verify(wrap.apply(noise), ANY, now).valid()).isFalse();
    }
  }

  @Test
  void snpGarbage() {
    X509Certificate vcek = SharedData.certs("snp/milan-trustee/test-vcek.der").get(0);
    List<X509Certificate> chain = SharedData.certs("snp/milan-gsg/ask_ark_milan.pem");
    hammer(SnpVerifier.withBundledRoots(), SharedData.bytes("snp/milan-trustee/test-report.bin"), 1184,
        b -> Evidence.snp(b, vcek, chain), Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void nitroGarbage() {
    hammer(NitroVerifier.withBundledRoot(),
        Encodings.decodeEvidence(SharedData.bytes("nitro/evervault-beta/valid-attestation-doc-bytes")), 4654,
        Evidence::nitro, Instant.parse("2022-10-13T08:58:02.136Z"));
  }

  @Test
  void tdxGarbage() {
    DcapCollateral c = DcapCollateral.fromJson(SharedData.text("tdx/phala-dcap-qvl/tdx_quote_collateral.json"));
    hammer(DcapVerifier.tdx(VendorRoots.intelSgxRoot()), SharedData.bytes("tdx/phala-dcap-qvl/tdx_quote"), 4936,
        b -> Evidence.tdx(b, c), Instant.parse("2025-07-01T00:00:00Z"));
  }

  @Test
  void sgxGarbage() {
    hammer(DcapVerifier.sgx(VendorRoots.intelSgxRoot()), SharedData.bytes("sgx/phala-dcap-qvl/sgx_quote"), SGX_STRUCTURAL,
        b -> Evidence.sgx(b, null), Instant.parse("2025-07-01T00:00:00Z"));
  }

  @Test
  void malformedCollateralAndCertificatesAreTypedExceptions() {
    assertThatThrownBy(() -> DcapCollateral.fromJson("{\"tcb_info\":1}")).isInstanceOf(MalformedEvidenceException.class);
    assertThatThrownBy(() -> DcapCollateral.fromJson("not json")).isInstanceOf(MalformedEvidenceException.class);
    assertThatThrownBy(() -> DcapCollateral.builder().tcbInfoResponse("{\"signature\":\"00\"}"))
        .isInstanceOf(MalformedEvidenceException.class);
    assertThatThrownBy(() -> io.spillover.attest.evidence.internal.Certs.parseAll(new byte[] {1, 2, 3}))
        .isInstanceOf(MalformedEvidenceException.class);
  }

  @Test
  void evidenceOfTheWrongPlatformIsInvalid() {
    byte[] report = SharedData.bytes("snp/milan-trustee/test-report.bin");
    AttestationResult r = NitroVerifier.withBundledRoot().verify(Evidence.dev(report), ANY, Instant.EPOCH);
    assertThat(r.reason()).contains("not Nitro evidence");
  }
}
