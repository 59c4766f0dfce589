package io.spillover.attest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.testing.ManualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log as a file: torn appends, a second writer, and what verification accepts. */
class AuditLogFileTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);

  private Path writeThree() {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file, clock, false)) {
      for (int i = 1; i <= 3; i++) {
        log.append(AuditKind.KEY_RELEASE, Map.of("function", "compose", "n", Integer.toString(i)));
      }
    }
    return file;
  }

  @Test
  void aTornTailIsTruncatedAtOpenAndTheRecoveryIsRecorded() throws Exception {
    Path file = writeThree();
    String torn = "{\"seq\":4,\"time\":\"2027-01-15T08:00:00Z\",\"kind\":\"KEY_REL";
    Files.writeString(file, torn, StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(file, clock, false)) {
      assertThat(log.records()).isEqualTo(4);
      assertThat(log.append(AuditKind.KEY_ROTATION, Map.of()).seq()).isEqualTo(5);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(3)).contains("\"kind\":\"AUDIT_LOG_RECOVERED\"")
        .contains("\"droppedBytes\":\"" + torn.length() + "\"")
        .contains("\"event\":\"torn-tail-truncated\"");
    assertThat(AuditLog.verify(file).valid()).isTrue();
  }

  @Test
  void aBrokenChainIsNotRepairedEvenWithATornTail() throws Exception {
    Path file = writeThree();
    Files.writeString(file, "not json\n{\"seq\":5", StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> AuditLog.open(file, clock, false))
        .isInstanceOf(AuditException.class).hasMessageContaining("broken at line 4");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void verifyNamesAnUnterminatedLastRecord() throws Exception {
    Path file = writeThree();
    List<String> lines = Files.readAllLines(file);
    Files.writeString(file, String.join("\n", lines)); // the last line lost its line end
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenLine()).isEqualTo(3);
    assertThat(v.records()).isEqualTo(2);
    assertThat(v.reason()).contains("no line end");
  }

  @Test
  void aFailedAppendLeavesNoTornRecord() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    // a file-size limit of 4 KiB: the JVM ignores SIGXFSZ, so the write that crosses it fails
    // half-way with EFBIG, as on a full disk
    String output = child(List.of("bash", "-c", "ulimit -f 4 && exec \"$0\" \"$@\""), "fill", file);
    assertThat(output).contains("refused after").contains("refused again after");
    assertThat(Files.size(file)).isLessThan(4096);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(output).contains("refused again after " + v.records());
    try (AuditLog log = AuditLog.open(file, clock, false)) {
      assertThat(log.append(AuditKind.KEY_ROTATION, Map.of()).seq()).isEqualTo(v.records() + 1);
    }
  }

  @Test
  void aSecondWriterInThisProcessIsRefusedAtOpen() throws Exception {
    Path file = writeThree();
    try (AuditLog first = AuditLog.open(file, clock, false)) {
      assertThatThrownBy(() -> AuditLog.open(file, clock, false))
          .isInstanceOf(AuditException.class).hasMessageContaining("another writer");
      first.append(AuditKind.KEY_ROTATION, Map.of());
    }
    try (AuditLog again = AuditLog.open(file, clock, false)) {
      assertThat(again.records()).isEqualTo(4);
    }
    assertThat(AuditLog.verify(file).valid()).isTrue();
  }

  @Test
  void aSecondWriterInAnotherProcessIsRefusedAtOpen() throws Exception {
    Path file = writeThree();
    Process holder = start(List.of(), "hold", file);
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("open 3");
      assertThatThrownBy(() -> AuditLog.open(file, clock, false))
          .isInstanceOf(AuditException.class).hasMessageContaining("another writer");
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (AuditLog log = AuditLog.open(file, clock, false)) {
      assertThat(log.records()).isEqualTo(3);
    }
  }

  @Test
  void aLogChangedUnderItsWriterIsNotExtended() throws Exception {
    Path file = writeThree();
    try (AuditLog log = AuditLog.open(file, clock, false)) {
      Files.writeString(file, "{\"seq\":4}\n", StandardOpenOption.APPEND);
      assertThatThrownBy(() -> log.append(AuditKind.KEY_ROTATION, Map.of()))
          .isInstanceOf(AuditException.class).hasMessageContaining("changed under");
    }
  }

  @Test
  void verifyRejectsDuplicateKeys() throws Exception {
    Path file = writeThree();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    // a reader that keeps the first value sees "mallory"; the hash covers the last one
    lines.set(1, lines.get(1).replace("\"details\":{", "\"details\":{\"function\":\"mallory\","));
    Files.write(file, lines);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.brokenLine()).isEqualTo(2);
    assertThat(v.reason()).contains("duplicate");
    lines = new ArrayList<>(Files.readAllLines(writeFresh()));
    lines.set(1, lines.get(1).replaceFirst("^\\{", "{\"seq\":9,"));
    Files.write(file, lines);
    assertThat(AuditLog.verify(file).reason()).contains("duplicate");
  }

  @Test
  void verifyRejectsTrailingDataAndNonCanonicalLines() throws Exception {
    Path file = writeThree();
    List<String> original = Files.readAllLines(file);
    for (String changed : List.of(original.get(1) + "{\"seq\":2}", original.get(1) + " x",
        original.get(1) + " ", original.get(1).replace("{\"seq\":2,", "{ \"seq\":2,"))) {
      List<String> lines = new ArrayList<>(original);
      lines.set(1, changed);
      Files.write(file, lines);
      AuditVerification v = AuditLog.verify(file);
      assertThat(v.valid()).as(changed).isFalse();
      assertThat(v.brokenLine()).as(changed).isEqualTo(2);
    }
  }

  private Path writeFresh() throws Exception {
    Files.delete(dir.resolve("audit.jsonl"));
    return writeThree();
  }

  private static Process start(List<String> prefix, String mode, Path file) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
        AuditLogChild.class.getName(), mode, file.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String child(List<String> prefix, String mode, Path file) throws Exception {
    Process p = start(prefix, mode, file);
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
