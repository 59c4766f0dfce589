package io.spillover.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.spillover.cli.SpilloverCommand;
import io.spillover.plan.CostModel;
import io.spillover.plan.Plan;
import io.spillover.plan.Saving;
import io.spillover.plan.Trace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlanCommandTest {
  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** The repository's data/traces file, which the pom puts on the test classpath. */
  static Path combinedTrace() {
    URL url = PlanCommandTest.class.getResource(
        "/data/traces/azure_llm_2023_combined_per_second.csv");
    if (url == null) {
      throw new AssertionError("the combined trace is not on the test classpath (the pom copies"
          + " the repository's data/traces there)");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError("bad resource URL " + url, e);
    }
  }

  static JsonNode json(Path out) {
    return JsonMapper.builder().build().readTree(out.resolve("plan.json").toFile());
  }

  static void assertPng(Path png) throws IOException {
    assertThat(png).isRegularFile();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_MAGIC);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1100);
    assertThat(image.getHeight()).isEqualTo(1040);
  }

  @Test
  void theRealTraceGivesATableAJsonAndAPng(@TempDir Path out) throws IOException {
    Path trace = combinedTrace();
    int code = SpilloverCommand.run("plan", "--trace", trace.toString(), "--out", out.toString());
    assertThat(code).isZero();
    JsonNode plan = json(out);
    assertThat(plan.get("trace").get("total_requests").asLong()).isEqualTo(28_185);
    assertThat(plan.get("trace").get("peak_rps").asLong()).isEqualTo(70);
    assertThat(plan.get("inputs").get("vm_price_usd_per_hour").asDouble()).isEqualTo(0.096);
    assertThat(plan.get("inputs").get("vm_capacity_rps").asDouble()).isEqualTo(200.0);
    assertThat(plan.get("beta_opt").propertyNames()).containsExactly("1x", "2x", "4x", "8x");
    JsonNode savings = plan.get("savings");
    assertThat(savings.size()).isEqualTo(16);
    for (JsonNode row : savings) {
      for (String key : new String[] {"level", "capacity_rps", "vm_only_vms", "vm_only_cost_usd",
          "vm_only_dropped_share", "factor", "hybrid_cost_usd", "saving_percent"}) {
        assertThat(row.has(key)).as(key).isTrue();
      }
    }
    assertThat(savings.get(0).get("level").asString()).isEqualTo("c100");
    assertThat(savings.get(8).get("level").asString()).isEqualTo("c95");
    assertThat(plan.get("curves").get("1x").size()).isEqualTo(2); // 0 or 1 VM of 200 req/s
    assertPng(out.resolve("plan.png"));
  }

  @Test
  void theJsonCarriesWhatTheModelComputes(@TempDir Path out) throws IOException {
    Path trace = combinedTrace();
    int code = SpilloverCommand.run("plan", "--trace", trace.toString(), "--out", out.toString(),
        "--service-ms", "1000", "--vm-price", "0.1", "--lambda-memory-mb", "1024");
    assertThat(code).isZero();
    Plan expected = Plan.compute(Trace.read(trace), CostModel.builder().vmPricePerHour(0.1)
        .serviceTime(Duration.ofSeconds(1)).functionMemoryMb(1024).build());
    JsonNode plan = json(out);
    assertThat(plan.get("inputs").get("vm_capacity_rps").asDouble()).isEqualTo(2.0);
    for (double f : expected.factors()) {
      JsonNode opt = plan.get("beta_opt").get(Format.factor(f));
      assertThat(opt.get("vms").asInt()).isEqualTo(expected.optimum(f).vms());
      assertThat(opt.get("cost_usd").asDouble()).isEqualTo(expected.optimum(f).totalUsd());
      assertThat(plan.get("curves").get(Format.factor(f)).size())
          .isEqualTo(expected.curve(f).size());
    }
    for (int i = 0; i < expected.savings().size(); i++) {
      Saving s = expected.savings().get(i);
      JsonNode row = plan.get("savings").get(i);
      assertThat(row.get("level").asString()).isEqualTo(s.level().label());
      assertThat(row.get("factor").asDouble()).isEqualTo(s.factor());
      assertThat(row.get("saving_percent").asDouble()).isCloseTo(s.savingPercent(), within(1e-9));
    }
    // with whole VMs of 2 req/s the optimum lies strictly inside [0, peak] at 1x
    assertThat(expected.optimum(1).vms()).isBetween(1, 34);
    assertPng(out.resolve("plan.png"));
  }

  @Test
  void aRawArrivalFileIsCountedPerSecond(@TempDir Path dir) throws IOException {
    Path raw = dir.resolve("raw.csv");
    Files.writeString(raw, "TIMESTAMP,ContextTokens,GeneratedTokens\n"
        + "2023-11-16 18:17:03.98,1,1\n2023-11-16 18:17:04.03,1,1\n2023-11-16 18:17:05.5,1,1\n");
    Path out = dir.resolve("out");
    assertThat(SpilloverCommand.run("plan", "--trace", raw.toString(), "--out", out.toString()))
        .isZero();
    assertThat(json(out).get("trace").get("seconds").asInt()).isEqualTo(3);
    assertThat(json(out).get("trace").get("peak_rps").asInt()).isEqualTo(1);
  }

  @Test
  void aMalformedTraceFailsWithItsLine(@TempDir Path dir) {
    Path bad = dir.resolve("bad.csv");
    String err = stderrOf(() -> {
      Files.writeString(bad, "second,count\n0,1\n1,lots\n");
      assertThat(SpilloverCommand.run("plan", "--trace", bad.toString(), "--out",
          dir.resolve("out").toString())).isEqualTo(1);
    });
    assertThat(err).contains("bad.csv:3:").contains("'lots'");
    assertThat(dir.resolve("out/plan.json")).doesNotExist();
  }

  @Test
  void badOptionsAreRefused(@TempDir Path dir) {
    String missing = stderrOf(() -> assertThat(SpilloverCommand.run("plan", "--trace",
        dir.resolve("absent.csv").toString(), "--out", dir.toString())).isEqualTo(1));
    assertThat(missing).contains("cannot read");
    Path trace = combinedTrace();
    assertThat(SpilloverCommand.run("plan")).isEqualTo(2);
    String vcpus = stderrOf(() -> assertThat(SpilloverCommand.run("plan", "--trace",
        trace.toString(), "--vm-vcpus", "0", "--out", dir.toString())).isEqualTo(2));
    assertThat(vcpus).contains("vmVcpus");
    assertThat(SpilloverCommand.run("plan", "--trace", trace.toString(), "--levels", "101",
        "--out", dir.toString())).isEqualTo(2);
    assertThat(SpilloverCommand.run("plan", "--trace", trace.toString(), "--service-ms", "0",
        "--out", dir.toString())).isEqualTo(2);
    assertThat(SpilloverCommand.run("plan", "--trace", trace.toString(), "--factors", "x",
        "--out", dir.toString())).isEqualTo(2);
  }

  interface Body {
    void run() throws Exception;
  }

  static String stderrOf(Body body) {
    PrintStream saved = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      System.setErr(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
