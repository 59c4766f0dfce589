package io.spillover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AttestCommandTest {
  /** The repository's data/attestation, which the pom puts on the test classpath. */
  private static Path vectors() throws URISyntaxException {
    URL url = AttestCommandTest.class.getResource("/data/attestation/VECTORS.json");
    if (url == null) {
      throw new IllegalStateException("attestation vectors are not on the test classpath"
          + " (the pom copies the repository's data/attestation there)");
    }
    return Path.of(url.toURI()).getParent();
  }

  @Test
  void validEvidenceExitsZeroAndDebugEvidenceOne() throws URISyntaxException {
    Path s = vectors();
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
