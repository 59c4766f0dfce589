package io.spillover.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./spillover soak [--minutes N] [--out DIR]}: runs a soak, prints its report, writes
 * {@code DIR/soak.json}, and exits 1 when an invariant broke.
 */
public final class SoakMain {
  private SoakMain() {}

  /** The command's entry. */
  public static void main(String[] args) throws Exception {
    int minutes = 1;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("usage: spillover soak [--minutes N] [--out DIR]");
          System.exit(2);
        }
      }
    }
    Path work = Files.createTempDirectory("spillover-soak");
    System.out.printf("soak: %d minute(s), 80 calls/s at 2x local capacity, 5 %% faults%n",
        minutes);
    SoakReport report = new SoakRun(Duration.ofMinutes(minutes), work).run();
    System.out.print(report.toJson());
    if (out != null) {
      Files.createDirectories(out);
      Files.writeString(out.resolve("soak.json"), report.toJson());
    }
    if (!report.violations().isEmpty()) {
      System.out.println("soak FAILED: " + String.join("; ", report.violations()));
      System.exit(1);
    }
    System.out.println("soak passed");
  }
}
