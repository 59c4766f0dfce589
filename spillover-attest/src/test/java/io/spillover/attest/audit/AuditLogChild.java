package io.spillover.attest.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second process for {@link AuditLogFileTest}: {@code hold FILE} opens the log and keeps it open
 * until its standard input closes; {@code fill FILE} appends until the file system refuses (run it
 * under {@code ulimit -f}), then tries once more. Prints one status line per step.
 */
public final class AuditLogChild {
  private AuditLogChild() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[1]);
    if ("hold".equals(args[0])) {
      try (AuditLog log = AuditLog.open(file)) {
        System.out.println("open " + log.records());
        System.out.flush();
        while (System.in.read() >= 0) {
          // wait for the parent to close our standard input
        }
      }
      return;
    }
    try (AuditLog log = AuditLog.open(file)) {
      String filler = "x".repeat(150);
      for (int i = 0; i < 1000; i++) {
        try {
          log.append(AuditKind.KEY_RELEASE, Map.of("n", Integer.toString(i), "filler", filler));
        } catch (AuditException e) {
          System.out.println("refused after " + log.records() + ": " + e.getMessage());
          break;
        }
      }
      try {
        log.append(AuditKind.KEY_RELEASE, Map.of("n", "again", "filler", filler));
        System.out.println("appended again");
      } catch (AuditException e) {
        System.out.println("refused again after " + log.records());
      }
    } catch (AuditException e) {
      System.out.println("close failed: " + e.getMessage());
    }
  }
}
