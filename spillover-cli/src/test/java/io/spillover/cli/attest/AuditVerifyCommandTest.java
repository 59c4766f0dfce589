package io.spillover.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.audit.AuditKind;
import io.spillover.attest.audit.AuditLog;
import io.spillover.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {
  @TempDir Path dir;

  private Path writeFive() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file)) {
      for (int i = 1; i <= 5; i++) {
        log.append(AuditKind.KEY_RELEASE, Map.of("n", String.valueOf(i)));
      }
    }
    return file;
  }

  @Test
  void anIntactChainExitsZeroWithItsRecordCount() throws Exception {
    Cli.Result r = Cli.run("audit", "verify", writeFive().toString());

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("OK, 5 records, head ");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void anAlteredRecordExitsOneNamingItsLine() throws Exception {
    Path file = writeFive();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, lines.get(2).replace("\"n\":\"3\"", "\"n\":\"9\""));
    Files.write(file, lines);

    Cli.Result r = Cli.run("audit", "verify", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("BROKEN at line 3 (record 3)")
        .contains("2 records before it are intact");
  }

  @Test
  void usageErrorsExitTwo() {
    Cli.Result none = Cli.run("audit", "verify");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("Missing required parameter: 'FILE'")
        .contains("Usage: spillover audit verify");

    Cli.Result missing = Cli.run("audit", "verify", dir.resolve("missing.jsonl").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file: ");
    assertThat(Cli.run("audit", "verify", "a.jsonl", "b.jsonl").code()).isEqualTo(2);
  }
}
