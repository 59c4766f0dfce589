package io.spillover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AttestCommandTest {
  private static Path shared() {
    Path dir = Path.of(System.getProperty("spillover.shared.dir", "../shared"));
    if (!Files.isDirectory(dir.resolve("data/attestation"))) {
      throw new IllegalStateException("shared data missing: expected " + dir.toAbsolutePath()
          + "/data/attestation (set -Dspillover.shared.dir)");
    }
    return dir.resolve("data/attestation");
  }

  @Test
  void validEvidenceExitsZeroAndDebugEvidenceOne() {
    Path s = shared();
    assertThat(SpilloverCommand.run("attest", "verify", "--type", "snp", "--evidence",
        s.resolve("snp/milan-virtee/report_milan.hex").toString(), "--endorsement",
        s.resolve("snp/milan-virtee/vcek_milan.der").toString(), "--chain",
        s.resolve("snp/milan-gsg/ask_ark_milan.pem").toString(), "--now",
        "2024-01-01T00:00:00Z")).isZero();
    assertThat(SpilloverCommand.run("attest", "verify", "--type", "snp", "--evidence",
        s.resolve("snp/milan-gsg/attestation.bin").toString(), "--endorsement",
        s.resolve("snp/milan-gsg/vcek.der").toString(), "--chain",
        s.resolve("snp/milan-gsg/ask_ark_milan.pem").toString(), "--now",
        "2024-01-01T00:00:00Z")).isEqualTo(1);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(SpilloverCommand.run("attest")).isEqualTo(2);
    assertThat(SpilloverCommand.run("attest", "verify", "--type", "nope")).isEqualTo(2);
  }
}
