package io.spillover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoCommandTest {
  @Test
  void theDemoWritesBothSetupsAndSpillsOnlyWithSpillover(@TempDir Path out) {
    int code = SpilloverCommand.run("burst", "--out", out.toString(), "--burst-seconds", "1",
        "--base-rps", "50", "--burst-rps", "600");
    assertThat(code).isZero();
    JsonNode setups = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile())
        .get("setups");
    JsonNode vmOnly = setups.get("vm_only");
    JsonNode spillover = setups.get("spillover");
    for (JsonNode s : new JsonNode[] {vmOnly, spillover}) {
      for (String key : new String[] {"requests", "local", "spilled", "rejected", "errors", "lost",
          "p50_ms", "p99_ms"}) {
        assertThat(s.has(key)).as(key).isTrue();
      }
      assertThat(s.get("lost").asLong()).isZero();
      assertThat(s.get("local").asLong() + s.get("spilled").asLong() + s.get("rejected").asLong()
          + s.get("errors").asLong()).isEqualTo(s.get("requests").asLong());
    }
    assertThat(vmOnly.get("spilled").asLong()).isZero();
    assertThat(spillover.get("spilled").asLong()).isPositive();
    assertThat(spillover.get("rejected").asLong()).isZero();
  }

  @Test
  void badOptionsAreRefused() {
    assertThat(SpilloverCommand.run("burst", "--cores", "0")).isEqualTo(2);
    assertThat(SpilloverCommand.run("burst", "--cores", "many")).isEqualTo(2);
  }
}
