package io.spillover.samples.inference;

import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.audit.AuditVerification;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a short burst against the VM side (local limit 2, 16 clients, 20 ms of model time a call)
 * and prints where the calls ran, what the wire carried, and who got the model key. Then starts
 * a second deployment whose twin runs in a debuggable TEE, to show it gets no key and its calls
 * stay local.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("confidential-inference");
    run(work, System.out);
  }

  static void run(Path work, PrintStream out) throws Exception {
    Runnable modelTime = () -> sleep(20);
    try (ConfidentialInference app = ConfidentialInference.start(work.resolve("attested"),
        TwinTee.ATTESTED, 2, modelTime)) {
      ConfidentialInference.Burst b = app.burst(200, 16);
      out.printf("attested twin: %d calls local on the VM, %d spilled sealed to the twin%n",
          b.local(), b.spilled());
      List<String> wire = app.provider().seen();
      out.printf("wire: %d envelopes, %d plain-text bodies%n", wire.size(),
          wire.stream().filter(w -> w.contains("\"body\"")).count());
      out.printf("model key released to the twin: %s%n", app.twin().isAttested());
      report(app.auditFile(), out);
    }
    try (ConfidentialInference app = ConfidentialInference.start(work.resolve("debug"),
        TwinTee.DEBUG, 2, modelTime)) {
      ConfidentialInference.Burst b = app.burst(50, 16);
      out.printf("debug twin: %d local, %d spilled, %d fell back locally after the twin refused%n",
          b.local(), b.spilled(), b.fallbacks());
      out.printf("model key released to the debug twin: %s%n", app.twin().isAttested());
      report(app.auditFile(), out);
    }
  }

  private static void report(Path auditFile, PrintStream out) throws Exception {
    List<String> lines = Files.readAllLines(auditFile);
    AuditVerification v = AuditLog.verify(auditFile);
    out.printf("audit: %d records, chain valid: %s, key releases: %d, refusals: %d,"
        + " sealed spills: %d%n", lines.size(), v.valid(), count(lines, "KEY_RELEASE"),
        count(lines, "KEY_RELEASE_REFUSED"), count(lines, "SEALED_SPILL"));
    lines.stream().filter(l -> l.contains("KEY_RELEASE_REFUSED")).findFirst()
        .ifPresent(l -> out.println("  first refusal: " + l));
  }

  private static long count(List<String> lines, String kind) {
    return lines.stream().filter(l -> l.contains("\"kind\":\"" + kind + "\"")).count();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
