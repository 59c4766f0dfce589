package io.spillover.attest.audit;

/**
 * The outcome of checking an audit log's chain.
 *
 * @param valid true when every record's hash and link check out
 * @param records how many records were valid (before the first broken one)
 * @param brokenLine the 1-based line of the first broken record, or 0 when valid
 * @param reason why that record is broken, or empty
 * @param headHash the hash of the last valid record (the genesis value for an empty log)
 */
public record AuditVerification(boolean valid, long records, long brokenLine, String reason,
    String headHash) {}
