package io.spillover.attest.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code spillover audit verify FILE}: checks an audit log's hash chain and names the first broken
 * record. A record must be exactly what {@link AuditLog} writes: a line that is not UTF-8, has a
 * duplicate key, trailing data or other spacing, or lacks its line end (a torn append) is broken.
 * Exit status: 0 the chain is intact, 1 it is broken, 2 usage error or unreadable file.
 */
public final class AuditVerifyTool {
  public static final int VALID = 0;
  public static final int BROKEN = 1;
  public static final int USAGE = 2;

  private AuditVerifyTool() {}

  /**
   * @param args {@code FILE}, or {@code verify FILE} (both accepted, so the CLI may pass either)
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out) {
    String[] rest = args.length > 0 && "verify".equals(args[0])
        ? Arrays.copyOfRange(args, 1, args.length) : args;
    if (rest.length != 1 || rest[0].startsWith("-")) {
      out.println("usage: spillover audit verify FILE");
      return USAGE;
    }
    Path file = Path.of(rest[0]);
    if (!Files.isRegularFile(file)) {
      out.println("audit verify: no such file: " + file);
      return USAGE;
    }
    AuditVerification result;
    try {
      result = AuditLog.verify(file);
    } catch (IOException e) {
      out.println("audit verify: cannot read " + file + ": " + e.getMessage());
      return USAGE;
    }
    if (result.valid()) {
      out.println("audit log " + file + ": OK, " + result.records() + " records, head "
          + result.headHash());
      return VALID;
    }
    out.println("audit log " + file + ": BROKEN at line " + result.brokenLine() + " (record "
        + (result.records() + 1) + "): " + result.reason());
    out.println(result.records() + " records before it are intact, last good hash "
        + result.headHash());
    return BROKEN;
  }
}
