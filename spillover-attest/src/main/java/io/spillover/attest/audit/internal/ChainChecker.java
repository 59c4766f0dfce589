package io.spillover.attest.audit.internal;

import io.spillover.attest.audit.AuditRecord;
import io.spillover.attest.audit.AuditVerification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Walks an audit log line by line and stops at the first record that breaks the chain. A record
 * must be exactly the bytes {@code AuditLog} writes for it (canonical JSON, then a line end), so a
 * line that shows one thing to a reader and hashes as another (duplicate keys, trailing data,
 * other spacing or escaping) is broken too.
 */
public final class ChainChecker {
  /** The longest line accepted as a record; {@code AuditLog} refuses to write a longer one. */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  private ChainChecker() {}

  /** Checks the log read from {@code in} (which it does not close). */
  public static AuditVerification check(InputStream in) throws IOException {
    RecordLines lines = new RecordLines(in, MAX_RECORD_BYTES);
    String prevHash = AuditRecord.GENESIS;
    long seq = 0;
    long lineNo = 0;
    RecordLines.Line line;
    while ((line = lines.next()) != null) {
      lineNo++;
      Parsed parsed = parse(line);
      String reason = parsed.record == null ? parsed.problem
          : problem(parsed.record, seq + 1, prevHash);
      if (reason != null) {
        return new AuditVerification(false, seq, lineNo, reason, prevHash);
      }
      seq++;
      prevHash = parsed.record.hash();
    }
    return new AuditVerification(true, seq, 0, "", prevHash);
  }

  private record Parsed(AuditRecord record, String problem) {}

  private static Parsed parse(RecordLines.Line line) {
    if (line.bytes() == null) {
      return new Parsed(null, "record longer than " + MAX_RECORD_BYTES + " bytes");
    }
    if (!line.terminated()) {
      return new Parsed(null, "incomplete last record (no line end): an append that failed"
          + " half-way; opening the log truncates it and records that it did");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line.bytes())).toString();
    } catch (CharacterCodingException e) {
      return new Parsed(null, "malformed record: not UTF-8 text");
    }
    try {
      AuditRecord r = AuditCodec.parse(text);
      if (!AuditCodec.line(r).equals(text)) {
        return new Parsed(null, "malformed record: not in canonical form (spacing, member order"
            + " or escaping differs from what AuditLog writes)");
      }
      return new Parsed(r, null);
    } catch (IllegalArgumentException e) {
      return new Parsed(null, "malformed record: " + e.getMessage());
    }
  }

  private static String problem(AuditRecord r, long expectedSeq, String prevHash) {
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
