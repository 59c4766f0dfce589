package io.spillover.cli.attest;

import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.audit.AuditVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spillover audit verify FILE}: {@link AuditLog#verify} with a report for people. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check an audit log's hash chain and name the first broken record.",
        "A record must be exactly what the key service writes: a line that is not UTF-8, has a"
            + " duplicate key, trailing data or other spacing, or lacks its line end (a torn"
            + " append) is broken."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the chain is intact", "1:it is broken",
        "2:usage error: bad options, no such file or an unreadable one"})
public final class AuditVerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The audit log.")
  Path file;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "no such file: " + file);
    }
    AuditVerification result;
    try {
      result = AuditLog.verify(file);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (result.valid()) {
      out.println("audit log " + file + ": OK, " + result.records() + " records, head "
          + result.headHash());
      out.flush();
      return 0;
    }
    out.println("audit log " + file + ": BROKEN at line " + result.brokenLine() + " (record "
        + (result.records() + 1) + "): " + result.reason());
    out.println(result.records() + " records before it are intact, last good hash "
        + result.headHash());
    out.flush();
    return 1;
  }
}
