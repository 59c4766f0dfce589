package io.spillover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same contract for every command: help exits 0 on stdout, a usage error 2 on stderr. */
class SpilloverCommandTest {
  private static String[] with(String command, String... more) {
    List<String> args = new ArrayList<>(command.isEmpty() ? List.of()
        : Arrays.asList(command.split(" ")));
    args.addAll(Arrays.asList(more));
    return args.toArray(new String[0]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "local", "keyservice", "attest", "attest verify", "audit",
      "audit verify", "plan", "burst"})
  void helpExitsZeroWithTheUsageOnStdout(String command) {
    String usage = ("Usage: spillover " + command).strip();
    for (String help : new String[] {"--help", "-h"}) {
      Cli.Result r = Cli.run(with(command, help));

      assertThat(r.code()).as(help).isZero();
      assertThat(r.out()).startsWith(usage);
      assertThat(r.err()).isEmpty();
    }
    Cli.Result version = Cli.run(with(command, "--version"));
    assertThat(version.code()).isZero();
    assertThat(version.out()).contains("spillover 0.1.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "keyservice", "attest", "audit", "plan", "burst"})
  void theHelpCommandShowsTheSameUsage(String command) {
    Cli.Result r = Cli.run("help", command);

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(Cli.run(command, "--help").out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "local", "keyservice", "attest", "attest verify", "audit",
      "audit verify", "plan", "burst"})
  void anUnknownOptionExitsTwoWithTheMessageAndUsageOnStderr(String command) {
    String[] required = switch (command) {
      case "attest verify" -> new String[] {"--type", "nitro", "--evidence", "e", "--now",
          "2024-01-01T00:00:00Z"};
      case "audit verify" -> new String[] {"audit.log"};
      case "plan" -> new String[] {"--trace", "trace.csv"};
      default -> new String[0];
    };
    String[] args = with(command, required);
    Cli.Result r = Cli.run(with(String.join(" ", args), "--xyzzy"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("Unknown option: '--xyzzy'")
        .contains(("Usage: spillover " + command).strip());
    assertThat(r.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "attest", "audit"})
  void aGroupWithoutItsSubcommandIsAUsageError(String command) {
    Cli.Result r = Cli.run(with(command));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("Missing required subcommand");
    assertThat(Cli.run(with(command, "frobnicate")).code()).isEqualTo(2);
  }
}
