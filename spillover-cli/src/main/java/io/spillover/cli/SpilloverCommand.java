package io.spillover.cli;

import io.spillover.cli.demo.DemoCommand;
import io.spillover.cli.plan.PlanCommand;
import io.spillover.cli.tools.AttestCommand;
import io.spillover.cli.tools.AuditCommand;
import io.spillover.cli.tools.KeyServiceCommand;
import io.spillover.cli.tools.LocalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spillover} command. Each subcommand is a small class of its own. */
@Command(name = "spillover", mixinStandardHelpOptions = true, version = "spillover 0.1.0",
    description = "Hybrid VM/FaaS request spillover: demo, tools and platforms.",
    subcommands = {DemoCommand.class, LocalCommand.class, PlanCommand.class, KeyServiceCommand.class,
        AttestCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class SpilloverCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new SpilloverCommand()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
