package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.evidence.internal.Encodings;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tampered copies of real evidence must be refused, each for the right reason. */
class TamperTest {
  private static final AttestationPolicy ANY = AttestationPolicy.builder().anyMeasurement().allowDebug(true).build();
  private static final Instant SNP_NOW = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant NITRO_NOW = Instant.parse("2024-09-07T14:37:39.545Z");
  private static final Instant TDX_NOW = Instant.parse("2025-07-01T00:00:00Z");

  private final SnpVerifier snp = SnpVerifier.withBundledRoots();
  private final NitroVerifier nitro = NitroVerifier.pinning(SharedData.certs("nitro/aws_nitro_root_g1.pem").get(0));
  private final X509Certificate intelRoot = SharedData.certs("tdx/intel_sgx_root_ca.pem").get(0);

  private static byte[] snpReport() {
    return SharedData.bytes("snp/milan-trustee/test-report.bin");
  }

  private static X509Certificate vcek() {
    return SharedData.certs("snp/milan-trustee/test-vcek.der").get(0);
  }

  private static List<X509Certificate> milanChain() {
    return SharedData.certs("snp/milan-gsg/ask_ark_milan.pem");
  }

  private static byte[] flip(byte[] b, int offset) {
    byte[] c = b.clone();
    c[offset] ^= 0x01;
    return c;
  }

  @Test
  void snpUntamperedControlIsValid() {
    assertThat(snp.verify(Evidence.snp(snpReport(), vcek(), milanChain()), ANY, SNP_NOW).valid()).isTrue();
  }

  @Test
  void snpFlippedByteInSignedRegionOrSignatureIsRefused() {
    for (int offset : new int[] {0x050, 0x090, 0x180, 0x29F, 0x2A0, 0x2A0 + 47, 0x2E8 + 10}) {
      AttestationResult r = snp.verify(Evidence.snp(flip(snpReport(), offset), vcek(), milanChain()), ANY, SNP_NOW);
      assertThat(r.valid()).as("offset 0x%x", offset).isFalse();
    }
    AttestationResult measurement = snp.verify(Evidence.snp(flip(snpReport(), 0x090), vcek(), milanChain()), ANY, SNP_NOW);
    assertThat(measurement.reason()).contains("report signature does not verify");
    // the upper, always-zero bytes of r: a wrong slice must not pass
    AttestationResult upper = snp.verify(Evidence.snp(flip(snpReport(), 0x2A0 + 60), vcek(), milanChain()), ANY, SNP_NOW);
    assertThat(upper.reason()).contains("report signature does not verify");
  }

  @Test
  void snpSwappedEndorsementCertificateIsRefused() {
    X509Certificate other = SharedData.certs("snp/milan-gsg/vcek.der").get(0);
    AttestationResult r = snp.verify(Evidence.snp(snpReport(), other, milanChain()), ANY, SNP_NOW);
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("report signature does not verify");
  }

  @Test
  void snpChainToAForeignRootIsRefused() {
    // pin only the Genoa ARK: the Milan ARK travelling with the evidence must not be trusted
    SnpVerifier genoaOnly = SnpVerifier.pinning(List.of(SharedData.certs("snp/genoa-azure/ask_ark_genoa.pem").get(1)));
    AttestationResult r = genoaOnly.verify(Evidence.snp(snpReport(), vcek(), milanChain()), ANY, SNP_NOW);
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("does not lead to a pinned root");
    // a Genoa ASK cannot stand in for the Milan ASK either
    AttestationResult wrongAsk = snp.verify(Evidence.snp(snpReport(), vcek(),
        SharedData.certs("snp/genoa-azure/ask_ark_genoa.pem")), ANY, SNP_NOW);
    assertThat(wrongAsk.valid()).isFalse();
    // the VLEK chain (ASVK) does not endorse a VCEK
    AttestationResult asvk = snp.verify(Evidence.snp(snpReport(), vcek(),
        SharedData.certs("snp/milan-gsg/ask_ark_milan_vlek.pem")), ANY, SNP_NOW);
    assertThat(asvk.valid()).isFalse();
  }

  @Test
  void snpMissingEndorsementIsRefused() {
    AttestationResult r = snp.verify(Evidence.snp(snpReport(), null, milanChain()), ANY, SNP_NOW);
    assertThat(r.reason()).contains("no VCEK/VLEK certificate");
  }

  private static byte[] blocky() {
    return Encodings.decodeEvidence(SharedData.bytes("nitro/blocky/nitro_attestation.b64"));
  }

  @Test
  void nitroFlippedPayloadOrSignatureIsRefused() {
    byte[] doc = blocky();
    assertThat(nitro.verify(Evidence.nitro(doc), ANY, NITRO_NOW).valid()).isTrue();
    int moduleId = indexOf(doc, "i-0a22e5c5f24d22174".getBytes(StandardCharsets.US_ASCII));
    AttestationResult payload = nitro.verify(Evidence.nitro(flip(doc, moduleId + 3)), ANY, NITRO_NOW);
    assertThat(payload.valid()).isFalse();
    assertThat(payload.reason()).contains("COSE_Sign1 signature does not verify");
    AttestationResult sig = nitro.verify(Evidence.nitro(flip(doc, doc.length - 5)), ANY, NITRO_NOW);
    assertThat(sig.valid()).isFalse();
    assertThat(sig.reason()).contains("COSE_Sign1 signature does not verify");
  }

  @Test
  void nitroForeignRootIsRefused() {
    NitroVerifier foreign = NitroVerifier.pinning(intelRoot);
    AttestationResult r = foreign.verify(Evidence.nitro(blocky()), ANY, NITRO_NOW);
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("pinned AWS Nitro root");
  }

  @Test
  void nitroDocumentFromAnotherEnclaveDoesNotCarryThisOnesSignature() {
    // swap the COSE signature of one real document into another: the endorsement no longer fits
    byte[] a = blocky();
    byte[] b = Encodings.decodeEvidence(SharedData.bytes("nitro/blocky/nitro_attestation_debug.b64"));
    byte[] swapped = a.clone();
    System.arraycopy(b, b.length - 96, swapped, swapped.length - 96, 96);
    assertThat(nitro.verify(Evidence.nitro(swapped), ANY, NITRO_NOW).reason()).contains("signature does not verify");
  }

  private static Evidence tdx(byte[] quote) {
    return Evidence.tdx(quote, DcapCollateral.fromJson(SharedData.text("tdx/phala-dcap-qvl/tdx_quote_collateral.json")));
  }

  @Test
  void tdxFlippedBodyOrSignatureIsRefused() {
    DcapVerifier v = DcapVerifier.tdx(intelRoot);
    byte[] quote = SharedData.bytes("tdx/phala-dcap-qvl/tdx_quote");
    assertThat(v.verify(tdx(quote), ANY, TDX_NOW).valid()).isTrue();
    AttestationResult mrtd = v.verify(tdx(flip(quote, 48 + 136)), ANY, TDX_NOW);
    assertThat(mrtd.reason()).contains("quote signature does not verify");
    AttestationResult reportData = v.verify(tdx(flip(quote, 568)), ANY, TDX_NOW);
    assertThat(reportData.reason()).contains("quote signature does not verify");
    AttestationResult sig = v.verify(tdx(flip(quote, 632 + 4 + 10)), ANY, TDX_NOW);
    assertThat(sig.reason()).contains("quote signature does not verify");
    AttestationResult key = v.verify(tdx(flip(quote, 632 + 4 + 64 + 3)), ANY, TDX_NOW);
    assertThat(key.valid()).isFalse();
    AttestationResult qe = v.verify(tdx(flip(quote, 632 + 4 + 128 + 6 + 100)), ANY, TDX_NOW);
    assertThat(qe.reason()).contains("QE report signature does not verify");
  }

  @Test
  void tdxForeignRootAndWrongCollateralAreRefused() {
    byte[] quote = SharedData.bytes("tdx/phala-dcap-qvl/tdx_quote");
    X509Certificate aws = SharedData.certs("nitro/aws_nitro_root_g1.pem").get(0);
    AttestationResult foreign = DcapVerifier.tdx(aws).verify(tdx(quote), ANY, TDX_NOW);
    assertThat(foreign.reason()).contains("does not lead to a pinned root");
    Evidence sgxCollateral = Evidence.tdx(quote,
        DcapCollateral.fromJson(SharedData.text("sgx/phala-dcap-qvl/sgx_quote_collateral.json")));
    assertThat(DcapVerifier.tdx(intelRoot).verify(sgxCollateral, ANY, TDX_NOW).valid()).isFalse();
  }

  @Test
  void tdxTamperedTcbInfoJsonIsRefused() {
    String json = SharedData.text("tdx/phala-dcap-qvl/tdx_quote_collateral.json");
    // raise the required TDX module SVN: a bytes-level change inside the signed tcb_info string
    String tampered = json.replaceFirst("\\\\\"tcbStatus\\\\\":\\\\\"OutOfDate\\\\\"", "\\\\\"tcbStatus\\\\\":\\\\\"UpToDate\\\\\"");
    assertThat(tampered).isNotEqualTo(json);
    Evidence e = Evidence.tdx(SharedData.bytes("tdx/phala-dcap-qvl/tdx_quote"), DcapCollateral.fromJson(tampered));
    AttestationResult r = DcapVerifier.tdx(intelRoot).verify(e, ANY, TDX_NOW);
    assertThat(r.reason()).contains("TCB info signature does not verify");
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("needle not found");
  }
}
