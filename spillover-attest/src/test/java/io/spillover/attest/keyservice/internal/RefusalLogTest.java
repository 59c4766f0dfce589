package io.spillover.attest.keyservice.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.keyservice.internal.RefusalLog.Cause;
import io.spillover.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefusalLogTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private AuditLog audit;

  @BeforeEach
  void open() {
    audit = AuditLog.open(dir.resolve("audit.jsonl"), clock, false);
  }

  @AfterEach
  void close() {
    audit.close();
  }

  private List<String> records() throws Exception {
    return Files.readAllLines(dir.resolve("audit.jsonl"));
  }

  @Test
  void repeatsWithinAWindowAreCountedAndRecordedOnceWhenItEnds() throws Exception {
    RefusalLog log = new RefusalLog(audit, clock, 60_000, 16);
    for (int i = 0; i < 100; i++) {
      log.refused("10.0.0.1", "compose", Cause.NONCE, "nonce unknown " + i);
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(records()).singleElement().asString().contains("\"kind\":\"KEY_RELEASE_REFUSED\"")
        .contains("\"reason\":\"nonce unknown 0\"").contains("\"source\":\"10.0.0.1\"");
    log.flushExpired();
    assertThat(records()).hasSize(1); // the window (60 s) has not ended yet
    clock.advance(Duration.ofSeconds(51));
    log.flushExpired();
    assertThat(records()).hasSize(2).last().asString()
        .contains("\"kind\":\"KEY_RELEASE_REFUSED_REPEATED\"").contains("\"repeats\":\"99\"")
        .contains("\"since\":\"2027-01-15T08:00:00Z\"");
    log.refused("10.0.0.1", "compose", Cause.NONCE, "a new window");
    assertThat(records()).hasSize(3).last().asString().contains("a new window");
    assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isTrue();
  }

  @Test
  void eachSourceFunctionAndCauseHasItsOwnWindow() throws Exception {
    RefusalLog log = new RefusalLog(audit, clock, 60_000, 16);
    log.refused("10.0.0.1", "compose", Cause.NONCE, "r");
    log.refused("10.0.0.2", "compose", Cause.NONCE, "r");
    log.refused("10.0.0.1", "triage", Cause.NONCE, "r");
    log.refused("10.0.0.1", "compose", Cause.EVIDENCE, "r");
    log.refused("10.0.0.1", "compose", Cause.NONCE, "r");
    assertThat(records()).hasSize(4);
    log.flushAll(); // only the repeated one has a count to write
    assertThat(records()).hasSize(5).last().asString().contains("\"repeats\":\"1\"")
        .contains("\"cause\":\"NONCE\"").contains("\"function\":\"compose\"");
  }

  @Test
  void manySourcesShareOneWindowBeyondTheBound() throws Exception {
    RefusalLog log = new RefusalLog(audit, clock, 60_000, 3);
    for (int i = 0; i < 1000; i++) {
      log.refused("10.0." + i / 256 + "." + i % 256, "compose", Cause.EVIDENCE, "r");
    }
    List<String> first = records();
    assertThat(first).hasSize(4);
    assertThat(first.get(3)).contains("counted under source *");
    clock.advance(Duration.ofSeconds(60));
    log.flushExpired();
    assertThat(records()).hasSize(5).last().asString().contains("\"source\":\"*\"")
        .contains("\"cause\":\"*\"").contains("\"repeats\":\"996\"");
  }
}
