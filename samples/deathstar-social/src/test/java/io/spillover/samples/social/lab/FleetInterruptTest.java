package io.spillover.samples.social.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a fleet run: the lab runs as a user runs it (its own JVM, the demo's
 * main class), gets SIGINT once its VM processes serve, and must leave no process behind (VM
 * processes, the function platform's workers).
 */
@Tag("lab")
class FleetInterruptTest {
  @TempDir Path out;

  @Test
  void ctrlCLeavesNoProcessBehind() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process lab = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        SpikeLab.class.getName(), "--vm-processes", "2", "--window-start", "900", "--window",
        "90", "--duration", "60", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(out.resolve("lab.log").toFile()).start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> fleetVms(lab).size() == 2 || !lab.isAlive());
      assertThat(lab.isAlive()).as("the lab runs (its log: lab.log)").isTrue();
      List<ProcessHandle> all = lab.descendants().toList();
      assertThat(all).hasSizeGreaterThanOrEqualTo(2);
      new ProcessBuilder("kill", "-INT", Long.toString(lab.pid())).start().waitFor();
      assertThat(lab.waitFor(60, TimeUnit.SECONDS)).as("the lab exits on SIGINT").isTrue();
      Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
          assertThat(all.stream().filter(ProcessHandle::isAlive))
              .as("processes of the lab left behind").isEmpty());
    } finally {
      lab.descendants().forEach(ProcessHandle::destroyForcibly);
      lab.destroyForcibly();
    }
  }

  /** The lab's VM processes (pgrep reads whole command lines; ProcessHandle.Info may not). */
  private static List<String> fleetVms(Process lab) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("pgrep", "-P", Long.toString(lab.pid()), "-f",
        FleetVm.class.getName()).redirectErrorStream(true).start();
    String found = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return found.isEmpty() ? List.of() : List.of(found.split("\\s+"));
  }
}
