package io.spillover.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The soak command's words and exit codes, without running a soak. */
class SoakMainTest {
  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new SoakMain()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void helpExitsZeroAndNamesTheOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("--minutes", "--out", "Exit codes");
  }

  @Test
  void minutesOutOfRangeIsAUsageError() {
    assertThat(run("--minutes", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--minutes must be in [1, 1440], was 0");
  }

  @Test
  void minutesThatAreNotANumberAreAUsageError() {
    assertThat(run("--minutes", "ten")).isEqualTo(2);
    assertThat(err.toString()).contains("--minutes");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("--hours", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("--hours");
  }
}
