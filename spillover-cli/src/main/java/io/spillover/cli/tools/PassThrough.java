package io.spillover.cli.tools;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Unmatched;

/**
 * A subcommand whose module parses its own arguments (so the same tool runs embedded in tests):
 * picocli hands every word after the subcommand's name through unchanged.
 */
abstract class PassThrough {
  @Unmatched
  List<String> args = new ArrayList<>();

  String[] args() {
    return args.toArray(new String[0]);
  }
}
