package io.spillover.stress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs JCStress with the given arguments and exits non-zero when a test saw a FORBIDDEN outcome,
 * failed to run, or no test ran at all. JCStress itself always exits 0 after a run, which would
 * let {@code mvn verify} pass over a broken invariant.
 */
public final class StressRun {
  private StressRun() {}

  public static void main(String[] args) throws Exception {
    PrintStream console = System.out;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(console, copy), true, StandardCharsets.UTF_8));
    try {
      org.openjdk.jcstress.Main.main(args);
    } finally {
      System.out.flush();
      System.setOut(console);
    }
    String verdict = verdict(copy.toString(StandardCharsets.UTF_8));
    if (verdict != null) {
      System.err.println("stress: " + verdict);
      System.exit(1);
    }
    System.out.println("stress: no FORBIDDEN outcome, no failed or broken test");
    System.exit(0); // forks and timers of the harness must not keep the build waiting
  }

  /** Null when the run passed, else why not; reads the summary JCStress prints last. */
  static String verdict(String output) {
    int summary = output.lastIndexOf("RUN RESULTS:");
    if (summary < 0) {
      return "JCStress printed no results";
    }
    String tail = output.substring(summary);
    for (String section : List.of("Failed tests", "Error tests")) {
      if (!section(tail, section).contains("No matches.")) {
        return section + ": " + section(tail, section).strip();
      }
    }
    if (section(tail, "All remaining tests").contains("No matches.")
        && section(tail, "Interesting tests").contains("No matches.")) {
      return "no test ran (check -t)";
    }
    return null;
  }

  /** The text from {@code name} to the end of its line and the next one. */
  private static String section(String tail, String name) {
    int at = tail.indexOf(name);
    if (at < 0) {
      return "";
    }
    int end = tail.indexOf('\n', tail.indexOf('\n', at) + 1);
    return tail.substring(at, end < 0 ? tail.length() : end);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override public void write(int c) throws java.io.IOException {
      synchronized (this) {
        a.write(c);
        b.write(c);
      }
    }

    @Override public void write(byte[] buf, int off, int len) throws java.io.IOException {
      synchronized (this) {
        a.write(buf, off, len);
        b.write(buf, off, len);
      }
    }

    @Override public void flush() throws java.io.IOException {
      a.flush();
    }
  }
}
