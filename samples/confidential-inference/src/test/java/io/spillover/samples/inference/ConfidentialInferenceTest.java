package io.spillover.samples.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.keyservice.KeyServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfidentialInferenceTest {
  @TempDir Path dir;
  private final AtomicReference<ConfidentialInference> running = new AtomicReference<>();

  /**
   * Local model time that lasts until the twin has answered (or refused) one spilled call, so the
   * single local permit is certainly held while the other clients arrive: they must spill.
   */
  private void untilTheTwinAnswered() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline
        && (running.get() == null || running.get().provider().seen().size() < 2)) {
      Thread.onSpinWait();
    }
  }

  private ConfidentialInference start(TwinTee tee) throws Exception {
    ConfidentialInference app = ConfidentialInference.start(dir, tee, 1, this::untilTheTwinAnswered);
    running.set(app);
    return app;
  }

  private List<String> audit() throws Exception {
    return Files.readAllLines(dir.resolve("audit.jsonl"));
  }

  private static long count(List<String> lines, String kind) {
    return lines.stream().filter(l -> l.contains("\"kind\":\"" + kind + "\"")).count();
  }

  @Test
  void excessCallsSpillSealedToTheAttestedTwinWhichAnswersLikeTheVm() throws Exception {
    try (ConfidentialInference app = start(TwinTee.ATTESTED)) {
      ConfidentialInference.Burst b = app.burst(12, 6);
      assertThat(b.spilled()).isPositive();
      assertThat(b.local()).isPositive();
      assertThat(b.local() + b.spilled()).isEqualTo(12);
      assertThat(b.answers()).filteredOn(a -> a.servedBy().equals("function"))
          .hasSize((int) b.spilled());
      TriageModel reference = TriageModel.reference();
      for (int i = 0; i < b.inputs().size(); i++) {
        assertThat(b.answers().get(i).risk())
            .isEqualTo(reference.classify(b.inputs().get(i), "vm").risk());
      }
      assertThat(app.twin().isAttested()).isTrue();
      assertThat(app.twin().releasedKeys().dataKeys()).containsOnlyKeys("model");
    }
  }

  @Test
  void plaintextNeverTravels() throws Exception {
    try (ConfidentialInference app = start(TwinTee.ATTESTED)) {
      ConfidentialInference.Burst b = app.burst(12, 6);
      List<String> wire = app.provider().seen();
      assertThat(wire).hasSize((int) (2 * b.spilled())).allSatisfy(envelope -> assertThat(envelope)
          .contains("\"sealed\"").doesNotContain("\"body\"").doesNotContain("heartRate")
          .doesNotContain("spo2").doesNotContain("risk").doesNotContain("servedBy"));
    }
  }

  @Test
  void aTwinInADebuggableTeeGetsNoModelKeyAndItsCallsStayLocal() throws Exception {
    try (ConfidentialInference app = start(TwinTee.DEBUG)) {
      ConfidentialInference.Burst b = app.burst(6, 3);
      assertThat(b.spilled()).isZero();
      assertThat(b.fallbacks()).isPositive();
      assertThat(b.answers()).allSatisfy(a -> assertThat(a.servedBy()).isEqualTo("vm"));
      assertThat(app.twin().isAttested()).isFalse();
      assertThatThrownBy(() -> app.twin().dataKey("model"))
          .isInstanceOf(KeyServiceException.class).hasMessageContaining("debuggable");
      assertThat(count(audit(), "KEY_RELEASE")).isZero();
      assertThat(count(audit(), "KEY_RELEASE_REFUSED")).isPositive();
    }
  }

  @Test
  void aModifiedImageGetsNoModelKey() throws Exception {
    try (ConfidentialInference app = start(TwinTee.MODIFIED_IMAGE)) {
      assertThat(app.burst(6, 3).spilled()).isZero();
      assertThatThrownBy(() -> app.twin().releasedKeys())
          .hasMessageContaining("measurement " + "badc0de0".repeat(12) + " is not allowed");
      assertThat(count(audit(), "KEY_RELEASE")).isZero();
    }
  }

  @Test
  void theAuditLogRecordsTheReleaseAndEverySealedSpillAndVerifies() throws Exception {
    ConfidentialInference.Burst b;
    try (ConfidentialInference app = start(TwinTee.ATTESTED)) {
      b = app.burst(12, 6);
    }
    List<String> lines = audit();
    assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isTrue();
    assertThat(count(lines, "KEY_RELEASE")).isEqualTo(1);
    assertThat(count(lines, "SEALED_SPILL")).isEqualTo(b.spilled());
    int spill = lines.indexOf(lines.stream().filter(l -> l.contains("SEALED_SPILL")).findFirst()
        .orElseThrow());
    lines.set(spill, lines.get(spill).replace("SEALED_SPILL", "KEY_RELEASE")); // hide a spill
    Files.write(dir.resolve("audit.jsonl"), lines);
    assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isFalse();
  }
}
