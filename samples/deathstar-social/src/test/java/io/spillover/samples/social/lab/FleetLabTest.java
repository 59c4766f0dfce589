package io.spillover.samples.social.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.social.BundledData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spike lab as a fleet, briefly: three VM processes over the trace's largest spike, a twin
 * capped at 6 on the local platform, one embedded ZooKeeper, and one VM process killed at the
 * spike's peak. Asserts what must hold whatever the machine's speed: every process gone after,
 * nothing lost, every request accounted for (answered by a VM, or in flight on the killed one),
 * spills, a breaker that never opened, and summary.json's fleet fields. Throttle shares and
 * latency are the full run's business (docs/fleet.md).
 *
 * <p>Tagged {@code lab}: starts a dozen JVMs.
 */
@Tag("lab")
class FleetLabTest {
  @TempDir static Path out;
  static JsonNode summary;
  static JsonNode run;

  @BeforeAll
  static void run() throws Exception {
    LabOptions o = new LabOptions(BundledData.trace(), 900, 90, 8, 3 * Capacity.RPS_PER_VM,
        1.0, 45, 500, 6, 0.096, false, 6, LabOptions.Scenario.SPIKES, 9, BundledData.graphs(),
        BundledData.GRAPH, 200, out);
    FleetOptions f = new FleetOptions(3, 6, 10, null, null,
        List.of(new FleetOptions.Run("spillover_vm_killed", true, true)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      FleetLab.run(o, f, p);
    }
    summary = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile());
    run = summary.path("setups").path("spillover_vm_killed");
  }

  @Test
  void everyProcessIsGone() throws IOException, InterruptedException {
    String marker = run.path("process_marker").asString();
    assertThat(marker).startsWith(FleetVms.MARKER + "=fleet-");
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
          .as("processes left behind").isEmpty();
      assertThat(pgrep(marker)).as("pgrep -f " + marker).isEmpty();
    });
  }

  @Test
  void nothingIsLostAndEveryRequestIsAccountedFor() {
    long requests = run.path("requests").asLong();
    assertThat(requests).isPositive();
    assertThat(run.path("lost").asLong()).as("lost").isZero();
    long ended = 0;
    long errors = 0;
    for (JsonNode vm : run.path("vms")) {
      ended += vm.path("requests").asLong();
      errors += vm.path("errors").asLong();
    }
    // a request failed over after a refused connection ends at another VM; one in flight on the
    // killed VM ends there as an error: each request ends at exactly one VM, none disappears
    assertThat(ended).as("requests that ended at a VM").isEqualTo(requests);
    assertThat(errors).as("the VMs' errors are the run's").isEqualTo(run.path("errors").asLong());
  }

  @Test
  void theFleetSpillsWithoutOpeningABreaker() {
    assertThat(run.path("spilled").asLong()).as("spilled").isPositive();
    assertThat(run.path("breaker_opened").asLong()).as("breakers opened").isZero();
    for (JsonNode vm : run.path("vms")) {
      assertThat(vm.path("breaker_opened").asLong()).as(vm.path("id").asString()).isZero();
    }
  }

  @Test
  void summaryHasTheLabSchemaAndTheFleetFields() {
    for (String field : List.of("requests", "spilled", "rejected", "errors", "lost", "p50_ms",
        "p99_ms", "cost_per_hour_usd", "throttled", "breaker_opened", "vms", "failed_over",
        "fleet_spend_usd")) {
      assertThat(run.has(field)).as(field).isTrue();
    }
    assertThat(run.path("vms").size()).isEqualTo(3);
    long killed = 0;
    for (JsonNode vm : run.path("vms")) {
      for (String field : List.of("id", "requests", "errors", "spilled", "throttled", "killed")) {
        assertThat(vm.has(field)).as("vms[]." + field).isTrue();
      }
      killed += vm.path("killed").asBoolean() ? 1 : 0;
    }
    assertThat(killed).as("VM processes killed mid-spike").isEqualTo(1);
    assertThat(summary.path("fleet").path("platform_cap").asInt()).isEqualTo(6);
  }

  private static List<String> pgrep(String pattern) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("pgrep", "-f", pattern).redirectErrorStream(true).start();
    String found = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return found.isEmpty() ? List.of() : List.of(found.split("\\s+"));
  }
}
