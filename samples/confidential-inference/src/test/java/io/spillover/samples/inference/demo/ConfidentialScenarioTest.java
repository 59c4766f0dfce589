package io.spillover.samples.inference.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's scenario, shortened: what the "done when" asks of its summary. The VM
 * carries 30 requests/s (one permit per tenant, 100 ms an inference); the spike sends 80.
 */
class ConfidentialScenarioTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void theSummaryShowsSealedSpillsNoPlaintextRefusalsByGrantAndNoKeyForBadEvidence()
      throws Exception {
    // Pre-warming on, as the demo runs by default: without it, on a loaded 2-core machine the
    // twin's cold start (worker JVM, attestation, key release) can outlast every spill's deadline.
    ScenarioOptions o = new ScenarioOptions("openwhisk", 8, 15, 80, 20, 1, 100, 8, 2, 0.1,
        1 << 20, "debug", true, dir.resolve("out"), dir.resolve("work"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Map<String, Object> summary = ConfidentialScenario.run(o,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    Map<String, Map<String, Object>> phases =
        (Map<String, Map<String, Object>>) summary.get("phases");
    Map<String, Object> attested = phases.get("attested");
    Map<String, Object> bad = phases.get("bad_evidence");
    assertThat((long) attested.get("spilled_sealed")).isPositive();
    assertThat((long) attested.get("refused_by_grant")).isPositive();
    assertThat((long) attested.get("key_releases")).isPositive();
    assertThat((long) bad.get("key_releases")).isZero();
    assertThat((long) bad.get("spilled_sealed")).isZero();
    assertThat((long) bad.get("key_release_refusals")).isPositive();
    assertThat((long) phases.get("vm_only").get("spilled_sealed")).isZero();
    for (Map<String, Object> phase : phases.values()) {
      assertThat(phase.get("plaintext_bytes_on_wire")).isEqualTo(0L);
      assertThat(phase.get("lost")).isEqualTo(0L);
      assertThat(phase.get("wrong_answers")).isEqualTo(0L);
      assertThat(phase.get("ungranted_served")).isEqualTo(0L);
    }
    assertThat((long) ((Map<String, Object>) attested.get("wire")).get("exchanges"))
        .as("the tap saw every sealed spill").isGreaterThanOrEqualTo(
            (long) attested.get("spilled_sealed"));
    assertThat((Map<String, Object>) summary.get("audit")).containsEntry("chain_valid", true);
    assertThat(dir.resolve("out/summary.json")).exists();
    for (String png : new String[] {"timeline-vm_only", "timeline-attested",
        "timeline-bad_evidence", "p99-phases"}) {
      assertThat(Files.size(dir.resolve("out/" + png + ".png"))).isPositive();
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ATTESTATION SIMULATOR");
  }
}
