package io.spillover.attest.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.VendorRoots;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class InternalParsersTest {
  @Test
  void rawJsonReturnsTheExactServedText() {
    String body = "{ \"tcbInfo\" : {\"a\": [1, {\"b\":\"}\\\"\"}] ,\"c\":2}, \"signature\":\"ab\"}";
    assertThat(RawJson.member(body, "tcbInfo")).isEqualTo("{\"a\": [1, {\"b\":\"}\\\"\"}] ,\"c\":2}");
    assertThat(RawJson.member(body, "missing")).isNull();
    assertThatThrownBy(() -> RawJson.member("{\"tcbInfo\":{\"a\":", "tcbInfo")).isInstanceOf(MalformedEvidenceException.class);
    assertThatThrownBy(() -> RawJson.member("[" .repeat(100), "x")).isInstanceOf(MalformedEvidenceException.class);
  }

  @Test
  void encodingsDetectBinaryHexAndBase64() {
    byte[] bin = {(byte) 0x84, 0x01, 0x02};
    assertThat(Encodings.decodeEvidence(bin)).isEqualTo(bin);
    assertThat(Encodings.decodeEvidence("84 01\n02\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(bin);
    assertThat(Encodings.decodeEvidence(Base64.getMimeEncoder().encode(new byte[] {(byte) 0x84, 0x01, 0x02, 0x7f})))
        .isEqualTo(new byte[] {(byte) 0x84, 0x01, 0x02, 0x7f});
  }

  @Test
  void derOidsAndBounds() {
    assertThat(Der.parse(EvidenceHex.decode("06092a864886f70d010101")).oid()).isEqualTo("1.2.840.113549.1.1.1");
    assertThatThrownBy(() -> Der.parse(EvidenceHex.decode("0405aabb"))).isInstanceOf(MalformedEvidenceException.class);
    assertThatThrownBy(() -> Der.parse(EvidenceHex.decode("3084ffffffff"))).isInstanceOf(MalformedEvidenceException.class);
  }

  @Test
  void snpSignatureComponentsAreLittleEndianLow48BytesFirst() {
    byte[] report = new byte[SnpReport.SIZE];
    report[0] = 2;
    for (int i = 0; i < 48; i++) {
      report[0x2A0 + i] = (byte) (i + 1);
      report[0x2E8 + i] = (byte) (100 + i);
    }
    byte[] rs = SnpReport.parse(report).signatureP1363();
    assertThat(rs[0]).isEqualTo((byte) 48);
    assertThat(rs[47]).isEqualTo((byte) 1);
    assertThat(rs[48]).isEqualTo((byte) 147);
    report[0x2A0 + 50] = 1;
    assertThat(SnpReport.parse(report).signatureP1363()).isNull();
    assertThatThrownBy(() -> SnpReport.parse(new byte[100])).isInstanceOf(MalformedEvidenceException.class);
  }

  @Test
  void tcbStatusCombinationTakesTheWorst() {
    assertThat(TcbStatus.combine("UpToDate", "OutOfDate")).isEqualTo("OutOfDate");
    assertThat(TcbStatus.combine("SWHardeningNeeded", "UpToDate")).isEqualTo("SWHardeningNeeded");
    assertThat(TcbStatus.combine("ConfigurationNeeded", "OutOfDate")).isEqualTo("OutOfDateConfigurationNeeded");
    assertThat(TcbStatus.combine("Revoked", "ConfigurationNeeded")).isEqualTo("Revoked");
    assertThat(TcbStatus.combine("UpToDate", "SomethingNew")).isEqualTo("SomethingNew");
  }

  @Test
  void bundledRootsMatchTheirPinnedFingerprints() {
    assertThat(VendorRoots.amdArks()).hasSize(2);
    assertThat(Certs.sha256Fingerprint(VendorRoots.awsNitroRoot())).isEqualTo(VendorRoots.AWS_NITRO_ROOT_G1_SHA256);
    assertThat(VendorRoots.intelSgxRoot().getSubjectX500Principal().getName()).contains("Intel SGX Root CA");
  }
}
