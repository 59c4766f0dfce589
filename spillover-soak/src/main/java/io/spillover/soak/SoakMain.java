package io.spillover.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./spillover soak [--minutes N] [--out DIR]}: runs a soak, prints its report, writes
 * {@code DIR/soak.json}. Exit status as for every Spillover command: 0 passed (or help), 1 an
 * invariant broke, 2 usage error.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Drives a spillway at twice its local capacity with 5 %% injected faults on the "
        + "local platform's worker JVMs, and checks that no call is lost, no non-idempotent call "
        + "runs twice, and heap, threads and processes stay flat.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:passed, or help", "1:an invariant broke", "2:usage error"})
public final class SoakMain implements Callable<Integer> {
  @Option(names = "--minutes", defaultValue = "1", paramLabel = "N",
      description = "How long to run, in minutes (1 to 1440; default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write soak.json.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The command's entry. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SoakMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (minutes < 1 || minutes > 1440) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--minutes must be in [1, 1440], was " + minutes);
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
      return 1;
    }
    System.out.println("soak passed");
    return 0;
  }
}
