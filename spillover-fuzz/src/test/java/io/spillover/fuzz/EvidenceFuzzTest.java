package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.AttestationResult;
import io.spillover.attest.evidence.AttestationVerifier;
import io.spillover.attest.evidence.DcapCollateral;
import io.spillover.attest.evidence.DcapVerifier;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.NitroVerifier;
import io.spillover.attest.evidence.SnpVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The SNP, Nitro, TDX and SGX evidence parsers and the DCAP collateral parser. A verifier never
 * throws for bad evidence (an invalid result instead); the collateral parser returns a collateral
 * or throws {@link MalformedEvidenceException}. The seeds are the real vectors of data/attestation.
 */
class EvidenceFuzzTest {
  private static final AttestationPolicy POLICY =
      AttestationPolicy.builder().anyMeasurement().build();
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final X509Certificate VCEK = cert("snp/milan-virtee/vcek_milan.der");
  private static final X509Certificate INTEL_ROOT = cert("sgx/intel_sgx_root_ca.pem");
  private static final DcapCollateral SGX_COLLATERAL = DcapCollateral.fromJson(
      text("sgx/phala-dcap-qvl/sgx_quote_collateral.json"));
  private static final DcapCollateral TDX_COLLATERAL = DcapCollateral.fromJson(
      text("tdx/phala-dcap-qvl/tdx_quote_collateral.json"));

  static byte[] bytes(String name) {
    try (InputStream in = EvidenceFuzzTest.class.getResourceAsStream("/data/attestation/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing vector " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static X509Certificate cert(String name) {
    try (InputStream in = EvidenceFuzzTest.class.getResourceAsStream("/data/attestation/" + name)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (Exception e) {
      throw new IllegalStateException("vector " + name, e);
    }
  }

  private static void verifiesWithoutThrowing(AttestationVerifier v, Evidence e) {
    AttestationResult r = v.verify(e, POLICY, NOW);
    assertThat(r).isNotNull();
  }

  @Fuzz
  void snpReport(byte[] report) {
    verifiesWithoutThrowing(SnpVerifier.withBundledRoots(), Evidence.snp(report, VCEK, List.of()));
  }

  @Fuzz
  void nitroDocument(byte[] document) {
    verifiesWithoutThrowing(NitroVerifier.withBundledRoot(), Evidence.nitro(document));
  }

  @Fuzz
  void tdxQuote(byte[] quote) {
    verifiesWithoutThrowing(DcapVerifier.tdx(INTEL_ROOT), Evidence.tdx(quote, TDX_COLLATERAL));
  }

  @Fuzz
  void sgxQuote(byte[] quote) {
    verifiesWithoutThrowing(DcapVerifier.sgx(INTEL_ROOT), Evidence.sgx(quote, SGX_COLLATERAL));
  }

  @Fuzz
  void dcapCollateral(byte[] json) {
    DcapCollateral parsed;
    try {
      parsed = DcapCollateral.fromJson(new String(json, StandardCharsets.UTF_8));
    } catch (MalformedEvidenceException refused) {
      return;
    }
    assertThat(parsed.tcbInfo()).isNotNull();
  }
}
