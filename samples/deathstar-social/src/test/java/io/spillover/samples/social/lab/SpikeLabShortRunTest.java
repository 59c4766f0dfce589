package io.spillover.samples.social.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.social.BundledData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A short spike-lab run (seconds instead of minutes) over the trace's largest spike: the schema
 * of summary.json, the plots, and what the lab must show whatever the machine's speed: nothing
 * lost, spills only in the Spillover setups and only from services whose VM pool was full.
 * Latency and cost figures are the full run's business (docs/results.md), not asserted here.
 *
 * <p>Tagged {@code lab}: the slowest test of the suite, left out of CI's second (Java 25) run.
 */
@Tag("lab")
class SpikeLabShortRunTest {
  private static final List<String> SETUPS =
      List.of("vm_only", "overprovisioned", "autoscale", "spillover", "spillover_autoscale");
  @TempDir static Path out;
  static JsonNode summary;
  static String printed;

  @BeforeAll
  static void run() throws Exception {
    LabOptions o = new LabOptions(BundledData.trace(),
        900, 90, 8, 20, 1.0, 45, 500, 3, 0.096, true, 6, LabOptions.Scenario.SPIKES, 9,
        BundledData.graphs(), BundledData.GRAPH, 200, out);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      SpikeLab.run(o, p);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
    summary = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile());
  }

  @AfterAll
  static void noWorkerLeft() {
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker processes left behind").isEmpty());
  }

  @Test
  void everySetupReportsTheSchemaAndLosesNothing() {
    long requests = summary.path("setups").path("vm_only").path("requests").asLong();
    assertThat(requests).isPositive();
    for (String name : SETUPS) {
      JsonNode s = summary.path("setups").path(name);
      for (String field : List.of("requests", "local", "spilled", "rejected", "errors", "lost",
          "p50_ms", "p99_ms", "p999_ms", "spilled_by_service", "cost_per_hour_usd",
          "function_cost", "vms_over_time", "window_cost", "p99_ms_per_trace_minute")) {
        assertThat(s.has(field)).as(name + "." + field).isTrue();
      }
      assertThat(s.path("requests").asLong()).as(name + ": same schedule").isEqualTo(requests);
      assertThat(s.path("lost").asLong()).as(name + " lost").isZero();
      assertThat(s.path("errors").asLong()).as(name + " errors").isZero();
      assertThat(s.path("p99_ms").asDouble()).as(name).isGreaterThanOrEqualTo(
          s.path("p50_ms").asDouble());
      assertThat(s.path("cost_per_hour_usd").asDouble()).as(name).isPositive();
      assertThat(s.path("vms_over_time").size()).as(name).isGreaterThanOrEqualTo(8);
    }
    JsonNode fixed = summary.path("setups").path("spillover").path("vms_over_time");
    fixed.forEach(v -> assertThat(v.asInt()).as("spillover keeps its VMs")
        .isEqualTo(summary.path("run").path("vms_at_beta").asInt()));
  }

  @Test
  void onlyTheSpilloverSetupSpillsAndOnlyFromOverloadedServices() {
    for (String name : List.of("vm_only", "overprovisioned", "autoscale")) { // no function
      assertThat(summary.path("setups").path(name).path("spilled").asLong()).as(name).isZero();
    }
    assertThat(summary.path("setups").path("vm_only").path("overloaded_services"))
        .as("the spike overloads the VMs alone").isNotEmpty();
    JsonNode spillover = summary.path("setups").path("spillover");
    assertThat(spillover.path("spilled").asLong()).isPositive();
    List<String> spilledFrom = new ArrayList<>(spillover.path("spilled_by_service").propertyNames());
    List<String> overloaded = new ArrayList<>();
    spillover.path("overloaded_services").forEach(n -> overloaded.add(n.asString()));
    assertThat(spilledFrom).isNotEmpty().isSubsetOf(overloaded).doesNotContain("unique-id");
    long bySum = 0;
    for (String s : spilledFrom) {
      bySum += spillover.path("spilled_by_service").path(s).asLong();
    }
    assertThat(bySum).isEqualTo(spillover.path("spilled").asLong());
  }

  @Test
  void theFailoverScenarioComparesBothSidesAndThePlotsAreWritten() throws Exception {
    JsonNode failover = summary.path("failover");
    for (String name : List.of("vm_only", "spillover")) {
      JsonNode f = failover.path(name);
      assertThat(f.has("seconds_to_p99_under_slo")).as(name).isTrue();
      assertThat(f.path("lost").asLong()).as(name + " lost").isZero();
    }
    assertThat(failover.path("spillover").path("spilled").asLong()).isPositive();
    assertThat(failover.path("vm_only").path("spilled").asLong()).isZero();
    for (String png : List.of("p99-all.png", "timeline-vm_only.png", "timeline-spillover.png",
        "timeline-spillover_autoscale.png", "vms-over-time.png", "p99-per-minute.png")) {
      byte[] head = Files.readAllBytes(out.resolve(png));
      assertThat(head.length).as(png).isGreaterThan(1000);
      assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).as(png).isEqualTo("PNG");
    }
    assertThat(printed).contains("vm_only", "spillover", "summary.json");
  }
}
