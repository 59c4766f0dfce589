package io.spillover.attest.audit;

/** What an audit record attests. */
public enum AuditKind {
  /** The key service released a function's keyset (and data keys) to an attested instance. */
  KEY_RELEASE,
  /** The key service refused to release keys (evidence, policy or nonce check failed). */
  KEY_RELEASE_REFUSED,
  /**
   * More refusals like an earlier {@link #KEY_RELEASE_REFUSED} (same source, function and cause)
   * within one window, counted instead of recorded one by one.
   */
  KEY_RELEASE_REFUSED_REPEATED,
  /**
   * The key service released a granted data key (e.g. a model key) to an attested instance, on
   * behalf of a caller the grant names.
   */
  DATA_KEY_RELEASE,
  /**
   * The key service refused a granted data key to an attested instance because the caller it
   * asked for is not granted that key.
   */
  DATA_KEY_REFUSED,
  /** A caller sealed a confidential call for a function target. */
  SEALED_SPILL,
  /**
   * A reply to a sealed call was not authentic (forged, altered, truncated, or a plain error): the
   * spill failed and the reply may have been tampered with.
   */
  SEALED_REPLY_TAMPERED,
  /** Keys were created or rotated at the key service. */
  KEY_ROTATION,
  /** Opening the log dropped an incomplete last record (an append that failed half-way). */
  AUDIT_LOG_RECOVERED
}
