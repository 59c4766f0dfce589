package io.spillover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.audit.AuditKind;
import io.spillover.attest.audit.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @Test
  void verifiesAChainAndNamesTheFirstBrokenRecord(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.log");
    try (AuditLog log = AuditLog.open(file)) {
      for (int i = 0; i < 3; i++) {
        log.append(AuditKind.values()[0], Map.of("n", String.valueOf(i)));
      }
    }
    assertThat(run("audit", "verify", file.toString())).isZero();
    List<String> lines = Files.readAllLines(file);
    lines.set(1, lines.get(1).replace("\"n\":\"1\"", "\"n\":\"9\""));
    Files.write(file, lines);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(SpilloverCommand.run("audit", "verify", file.toString())).isEqualTo(1);
    } finally {
      System.setOut(old);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at line 2 (record 2)");
    assertThat(run("audit", "verify")).isEqualTo(2);
  }

  private static int run(String... args) {
    return SpilloverCommand.run(args);
  }
}
