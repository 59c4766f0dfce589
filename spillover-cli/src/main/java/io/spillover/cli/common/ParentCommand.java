package io.spillover.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: without one it is a usage error (exit 2). */
public abstract class ParentCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public final void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
