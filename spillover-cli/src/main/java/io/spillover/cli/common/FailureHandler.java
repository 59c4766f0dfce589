package io.spillover.cli.common;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What happens when a command throws (picocli handles usage errors itself: message and usage on
 * stderr, exit 2). A {@link CommandFailedException} is one line on stderr, named by the command;
 * anything else is a bug, so its stack trace follows. Either way the exit status is 1.
 */
public final class FailureHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    if (e instanceof CommandFailedException) {
      err.println(name + ": " + e.getMessage());
    } else {
      err.println(name + ": failed unexpectedly: " + e);
      e.printStackTrace(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }
}
