package io.spillover.attest.audit;

import java.util.Map;

/**
 * One line of the audit log. {@code hash} is the hex SHA-256 of the record's canonical JSON
 * (fields seq, time, kind, details with sorted keys, prevHash, in that order, no whitespace), so
 * each record commits to every record before it.
 *
 * @param seq position in the log, from 1
 * @param time ISO-8601 instant
 * @param kind what happened (an {@link AuditKind} name)
 * @param details string facts about it (function, caller, measurement, ...)
 * @param prevHash the previous record's hash; 64 zeros for the first
 * @param hash this record's hash
 */
public record AuditRecord(long seq, String time, String kind, Map<String, String> details,
    String prevHash, String hash) {
  /** The prevHash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  public AuditRecord {
    details = Map.copyOf(details);
  }
}
