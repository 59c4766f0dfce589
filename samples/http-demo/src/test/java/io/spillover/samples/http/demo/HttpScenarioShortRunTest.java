package io.spillover.samples.http.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short http scenario end to end: real Spring Boot JVMs for the front end and the logic service,
 * the twin on the local platform, three setups, summary.json, and no process left behind.
 */
@Tag("lab")
class HttpScenarioShortRunTest {
  @Test
  void threeSetupsWriteTheSummaryAndLeaveNoProcess(@TempDir Path out) throws Exception {
    HttpScenario.main(new String[] {out.toString(), "4", "4"});

    String summary = Files.readString(out.resolve("summary.json"));
    for (String setup : new String[] {"vm_only", "overprovisioned", "spillover"}) {
      assertThat(summary).contains("\"" + setup + "\": {\"requests\": ");
    }
    assertThat(summary.split("\"lost\": 0,", -1)).as("lost 0 in every setup").hasSize(4);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
        .as("JVMs left behind").isEmpty();
  }
}
