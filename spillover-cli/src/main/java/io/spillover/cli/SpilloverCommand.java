package io.spillover.cli;

import io.spillover.cli.attest.AttestCommand;
import io.spillover.cli.attest.AuditCommand;
import io.spillover.cli.attest.KeyServiceCommand;
import io.spillover.cli.common.FailureHandler;
import io.spillover.cli.common.ParentCommand;
import io.spillover.cli.demo.DemoCommand;
import io.spillover.cli.local.LocalCommand;
import io.spillover.cli.plan.PlanCommand;
import io.spillover.cli.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spillover} command. Each subcommand is a small class of its own over a library's
 * plain API. Exit status, the same for every subcommand: 0 success or help, 1 failure, 2 usage
 * error (picocli's message and the usage on stderr).
 */
@Command(name = "spillover", mixinStandardHelpOptions = true, version = "spillover 0.1.0",
    scope = CommandLine.ScopeType.INHERIT,
    description = "Hybrid VM/FaaS request spillover: demo, tools and platforms.",
    subcommands = {DemoCommand.class, LocalCommand.class, PlanCommand.class, SimulateCommand.class,
        KeyServiceCommand.class, AttestCommand.class, AuditCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success, or help", "1:failure", "2:usage error"})
public final class SpilloverCommand extends ParentCommand {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on stdout and stderr and returns its exit status. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line of every subcommand with its failure handling (tests set out and err). */
  public static CommandLine commandLine() {
    return new CommandLine(new SpilloverCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new FailureHandler());
  }
}
