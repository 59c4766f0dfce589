package io.spillover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import picocli.CommandLine;

/** Runs {@code spillover} commands in this JVM with their stdout and stderr captured. */
public final class Cli {
  private Cli() {}

  /** What a finished command printed and its exit status. */
  public record Result(int code, String out, String err) {}

  /** Runs a command to its end. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = commandLine(out, err).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Starts a command that serves until stopped (local, keyservice) on a thread of its own. */
  public static Running start(String... args) {
    return new Running(args);
  }

  private static CommandLine commandLine(StringWriter out, StringWriter err) {
    return SpilloverCommand.commandLine().setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
  }

  /** A serving command; {@link #stop()} interrupts it as a test's Ctrl-C. */
  public static final class Running implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile int code = -1;

    private Running(String[] args) {
      CommandLine cl = commandLine(out, err);
      thread = new Thread(() -> code = cl.execute(args), "cli-" + args[0]);
      thread.start();
    }

    /** Waits until stdout contains {@code text}; fails with stderr when the command ended. */
    public String awaitOut(String text) {
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
          .until(() -> out.toString().contains(text) || !thread.isAlive());
      assertThat(out.toString()).as("stderr: %s", err).contains(text);
      return out.toString();
    }

    public String out() {
      return out.toString();
    }

    public String err() {
      return err.toString();
    }

    /** Stops the command and returns its exit status. */
    public int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(thread.isAlive()).as("still running after the stop").isFalse();
      return code;
    }

    @Override
    public void close() throws InterruptedException {
      if (thread.isAlive()) {
        stop();
      }
    }
  }
}
