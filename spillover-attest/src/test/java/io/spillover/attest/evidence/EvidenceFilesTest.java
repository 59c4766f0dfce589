package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceFilesTest {
  private static final Instant JAN_2024 = Instant.parse("2024-01-01T00:00:00Z");
  private static final AttestationPolicy ANY = AttestationPolicy.builder().anyMeasurement().build();

  private static EvidenceFiles.Builder snp(String report) {
    return EvidenceFiles.builder(Platform.SEV_SNP).evidence(SharedData.file(report))
        .endorsement(SharedData.file("snp/milan-virtee/vcek_milan.der"))
        .chain(SharedData.file("snp/milan-gsg/ask_ark_milan.pem"));
  }

  @Test
  void aHexReportWithADerEndorsementAndAPemChainIsValid() throws Exception {
    AttestationResult r = snp("snp/milan-virtee/report_milan.hex").build().verify(ANY, JAN_2024);

    assertThat(r.valid()).as(r.reason()).isTrue();
    assertThat(r.platform()).isEqualTo(Platform.SEV_SNP);
    assertThat(r.measurement()).startsWith("7a1e5c266c0108db");
  }

  @Test
  void aBase64NitroDocumentIsCheckedAgainstThePinnedRootAtTheGivenInstant() throws Exception {
    EvidenceFiles nitro = EvidenceFiles.builder(Platform.NITRO)
        .evidence(SharedData.file("nitro/blocky/nitro_attestation.b64"))
        .root(SharedData.file("nitro/aws_nitro_root_g1.pem")).build();

    assertThat(nitro.verify(ANY, Instant.parse("2024-09-07T14:37:39.545Z")).valid()).isTrue();
    assertThat(nitro.verify(ANY, Instant.parse("2026-01-01T00:00:00Z")).reason())
        .contains("certificate chain invalid");
  }

  @Test
  void aPolicyFromJsonIsAppliedAndStrict() throws Exception {
    EvidenceFiles files = snp("snp/milan-virtee/report_milan.hex").build();

    AttestationPolicy other = AttestationPolicy.fromJson(
        "{\"measurements\":[\"" + "00".repeat(48) + "\"]}").build();
    assertThat(files.verify(other, JAN_2024).reason()).contains("not allowed by the policy");
    assertThatThrownBy(() -> AttestationPolicy.fromJson("{\"allowdebug\":true}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown policy member 'allowdebug'");
  }

  @Test
  void contentsThatAreNotEvidenceOrCertificatesAreAnInvalidResultNotACrash(@TempDir Path dir)
      throws Exception {
    Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {(byte) 0x84, 0x40, (byte) 0xa0});
    Path notACertificate = Files.writeString(dir.resolve("junk.der"), "not a certificate");

    AttestationResult nitro = EvidenceFiles.builder(Platform.NITRO).evidence(junk).build()
        .verify(ANY, JAN_2024);
    AttestationResult snp = snp("snp/milan-gsg/attestation.bin").endorsement(notACertificate)
        .build().verify(ANY, JAN_2024);

    assertThat(nitro.valid()).isFalse();
    assertThat(nitro.reason()).contains("malformed");
    assertThat(snp.valid()).isFalse();
    assertThat(snp.reason()).startsWith("malformed input");
  }

  @Test
  void aFileThatCannotBeReadIsAnIoException(@TempDir Path dir) {
    EvidenceFiles missing = EvidenceFiles.builder(Platform.NITRO)
        .evidence(dir.resolve("missing.b64")).build();

    assertThatThrownBy(() -> missing.verify(ANY, JAN_2024)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void theBuilderRefusesFilesThePlatformDoesNotTake() {
    Path any = Path.of("evidence.bin");

    assertThatThrownBy(() -> EvidenceFiles.builder(Platform.SEV_SNP).evidence(any).build())
        .hasMessageContaining("endorsement certificate");
    assertThatThrownBy(() -> EvidenceFiles.builder(Platform.NITRO).evidence(any).chain(any)
        .build()).hasMessageContaining("SEV-SNP files");
    assertThatThrownBy(() -> EvidenceFiles.builder(Platform.SEV_SNP).evidence(any)
        .endorsement(any).chain(any).collateral(any).build())
        .hasMessageContaining("TDX and SGX");
    assertThatThrownBy(() -> EvidenceFiles.builder(Platform.TDX).build())
        .hasMessageContaining("evidence file is required");
    assertThatThrownBy(() -> EvidenceFiles.builder(Platform.DEV))
        .hasMessageContaining("DevEvidenceVerifier");
  }
}
