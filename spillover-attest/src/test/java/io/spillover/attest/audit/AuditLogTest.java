package io.spillover.attest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);

  private Path writeFive() {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file, clock, true)) {
      for (int i = 1; i <= 5; i++) {
        log.append(i % 2 == 0 ? AuditKind.SEALED_SPILL : AuditKind.KEY_RELEASE,
            Map.of("function", "compose", "n", Integer.toString(i)));
      }
    }
    return file;
  }

  @Test
  void recordsChainFromGenesisAndVerify() throws Exception {
    Path file = writeFive();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("{\"seq\":1,\"time\":\"2027-01-15T08:00:00Z\","
        + "\"kind\":\"KEY_RELEASE\",\"details\":{\"function\":\"compose\",\"n\":\"1\"},"
        + "\"prevHash\":\"" + AuditRecord.GENESIS + "\",\"hash\":\"");
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isTrue();
    assertThat(v.records()).isEqualTo(5);
  }

  @Test
  void alteredRecordIsReportedAtItsLine() throws Exception {
    Path file = writeFive();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, lines.get(2).replace("\"n\":\"3\"", "\"n\":\"9\""));
    Files.write(file, lines);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenLine()).isEqualTo(3);
    assertThat(v.records()).isEqualTo(2);
    assertThat(v.reason()).contains("record altered");
  }

  @Test
  void aSeqBeyondLongIsAMalformedRecordNotAnException() throws Exception {
    // found by AttestFilesFuzzTest#auditLogLines: verify threw Jackson's JsonNodeException
    Path file = writeFive();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(1, lines.get(1).replace("\"seq\":2,", "\"seq\":18446744073709551616,"));
    Files.write(file, lines);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenLine()).isEqualTo(2);
    assertThat(v.records()).isEqualTo(1);
    assertThat(v.reason()).contains("seq");
  }

  @Test
  void removedOrReorderedRecordsBreakTheChain() throws Exception {
    Path file = writeFive();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(1);
    Files.write(file, lines);
    assertThat(AuditLog.verify(file).brokenLine()).isEqualTo(2);
    assertThat(AuditLog.verify(file).reason()).contains("seq 3 where 2 was expected");
    // re-numbered and re-hashed by a forger who cannot fix the following link
    Files.delete(file);
    List<String> swapped = new ArrayList<>(Files.readAllLines(writeFive()));
    String second = swapped.get(1);
    swapped.set(1, swapped.get(3).replace("\"seq\":4", "\"seq\":2"));
    swapped.set(3, second.replace("\"seq\":2", "\"seq\":4"));
    Files.write(file, swapped);
    assertThat(AuditLog.verify(file).brokenLine()).isEqualTo(2);
  }

  @Test
  void reopenedLogContinuesTheChainAndRefusesToExtendABrokenOne() throws Exception {
    Path file = writeFive();
    try (AuditLog log = AuditLog.open(file, clock, false)) {
      assertThat(log.records()).isEqualTo(5);
      assertThat(log.append(AuditKind.KEY_ROTATION, Map.of()).seq()).isEqualTo(6);
    }
    assertThat(AuditLog.verify(file).valid()).isTrue();
    Files.writeString(file, "not json\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> AuditLog.open(file)).isInstanceOf(AuditException.class)
        .hasMessageContaining("broken at line 7");
  }
}
