package io.spillover.attest.audit.internal;

import io.spillover.attest.audit.AuditRecord;
import io.spillover.attest.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.IOException;

/** Walks an audit log line by line and stops at the first record that breaks the chain. */
public final class ChainChecker {
  private ChainChecker() {}

  public static AuditVerification check(BufferedReader lines) throws IOException {
    String prevHash = AuditRecord.GENESIS;
    long seq = 0;
    long lineNo = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      lineNo++;
      String reason = problem(line, seq + 1, prevHash);
      if (reason != null) {
        return new AuditVerification(false, seq, lineNo, reason, prevHash);
      }
      seq++;
      prevHash = AuditCodec.parse(line).hash();
    }
    return new AuditVerification(true, seq, 0, "", prevHash);
  }

  private static String problem(String line, long expectedSeq, String prevHash) {
    AuditRecord r;
    try {
      r = AuditCodec.parse(line);
    } catch (IllegalArgumentException e) {
      return "malformed record: " + e.getMessage();
    }
    if (r.seq() != expectedSeq) {
      return "seq " + r.seq() + " where " + expectedSeq + " was expected (record removed,"
          + " inserted or reordered)";
    }
    if (!r.prevHash().equals(prevHash)) {
      return "prevHash does not match the previous record's hash (chain cut)";
    }
    String computed = AuditCodec.hash(
        AuditCodec.canonical(r.seq(), r.time(), r.kind(), r.details(), r.prevHash()));
    if (!computed.equals(r.hash())) {
      return "hash does not match the record's content (record altered)";
    }
    return null;
  }
}
