package io.spillover.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code spillover simulate} over the bundled trace at a small scale: the summary has every
 * setup's fields per scale, the plots are PNGs, and the usage errors exit 2.
 */
class SimulateCommandTest {
  private static final List<String> SETUPS = List.of("vm_only", "overprovisioned", "autoscale",
      "spillover", "spillover_autoscale", "fleet");

  @Test
  void writesTheSummaryAndThePlotsForEveryScale(@TempDir Path out) throws IOException {
    Cli.Result r = Cli.run("simulate", "--scales", "0.1,0.2", "--threads", "1", "--out",
        out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("scale 0.1x", "scale 0.2x", "wrote");
    JsonNode summary = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile());
    for (String scale : List.of("0.1", "0.2")) {
      JsonNode s = summary.get("scales").get(scale);
      assertThat(s.get("wall_seconds").asDouble()).isPositive();
      for (String setup : SETUPS) {
        JsonNode x = s.get("setups").get(setup);
        assertThat(x).as(scale + " " + setup).isNotNull();
        for (String field : List.of("requests", "spilled", "lost", "p99_ms",
            "cost_per_hour_usd", "throttled")) {
          assertThat(x.has(field)).as(scale + " " + setup + " " + field).isTrue();
        }
      }
      assertThat(s.get("setups").get("vm_only").get("spilled").asLong()).isZero();
    }
    // twice the load: twice the requests of every setup, from the same trace
    long small = summary.get("scales").get("0.1").get("setups").get("spillover")
        .get("requests").asLong();
    long big = summary.get("scales").get("0.2").get("setups").get("spillover")
        .get("requests").asLong();
    assertThat((double) big / small).isBetween(1.99, 2.01);
    for (String png : List.of("cost-vs-scale.png", "unit-cost-vs-scale.png", "p99-vs-scale.png")) {
      byte[] head = head(out.resolve(png));
      assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
  }

  @Test
  void aScaleThatIsNotPositiveIsAUsageError(@TempDir Path out) {
    Cli.Result r = Cli.run("simulate", "--scales", "0", "--out", out.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("scales must be positive");
    assertThat(Files.exists(out.resolve("summary.json"))).isFalse();
  }

  /** The first bytes of a file. */
  private static byte[] head(Path p) throws IOException {
    byte[] all = Files.readAllBytes(p);
    return java.util.Arrays.copyOf(all, Math.min(8, all.length));
  }
}
