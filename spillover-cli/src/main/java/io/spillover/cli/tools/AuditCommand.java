package io.spillover.cli.tools;

import io.spillover.attest.audit.AuditVerifyTool;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code spillover audit verify FILE}. */
@Command(name = "audit", description = "audit verify FILE: check an audit log's hash chain.")
public final class AuditCommand extends PassThrough implements Callable<Integer> {
  @Override
  public Integer call() {
    return AuditVerifyTool.run(args(), System.out);
  }
}
