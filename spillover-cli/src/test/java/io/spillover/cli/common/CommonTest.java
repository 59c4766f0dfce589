package io.spillover.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

class CommonTest {
  @Command(name = "tool")
  static final class Throwing implements Callable<Integer> {
    @Option(names = "--fail")
    String fail;

    @Override
    public Integer call() {
      if ("expected".equals(fail)) {
        throw CommandFailedException.because("cannot start",
            new UncheckedIOException("cannot start the server", new BindException("in use")));
      }
      throw new IllegalStateException("a bug");
    }
  }

  private static String[] run(String fail) {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Throwing()).setErr(new PrintWriter(err, true))
        .setExecutionExceptionHandler(new FailureHandler()).execute("--fail", fail);
    return new String[] {String.valueOf(code), err.toString()};
  }

  @Test
  void aCommandFailureIsOneLineAndExitOne() {
    String[] r = run("expected");

    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1]).isEqualTo("tool: cannot start the server: in use" + System.lineSeparator());
  }

  @Test
  void anythingElseIsABugAndShowsItsStackTrace() {
    String[] r = run("other");

    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1]).startsWith("tool: failed unexpectedly: java.lang.IllegalStateException: a bug")
        .contains("at io.spillover.cli.common.CommonTest$Throwing.call");
  }

  @Test
  void aFailureKeepsEveryCauseItsMessageDoesNotAlreadySay() {
    IOException cause = new IOException("disk full");

    assertThat(CommandFailedException.because("cannot write to out", cause))
        .hasMessage("cannot write to out: disk full").hasCause(cause);
    assertThat(CommandFailedException.because("cannot start", null)).hasMessage("cannot start");
  }

  @Test
  void durationsAreReadAsPeopleWriteThem() {
    DurationConverter c = new DurationConverter();

    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.convert("pt2s")).isEqualTo(Duration.ofSeconds(2));
    for (String bad : new String[] {"soon", "", "5", "5d", "ms", "P"}) {
      assertThatThrownBy(() -> c.convert(bad)).as(bad)
          .isInstanceOf(TypeConversionException.class).hasMessageContaining("not a duration");
    }
  }
}
