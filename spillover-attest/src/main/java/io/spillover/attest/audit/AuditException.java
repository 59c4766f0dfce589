package io.spillover.attest.audit;

import io.spillover.SpilloverException;

/**
 * The audit log cannot be read, continued or written (broken chain, I/O failure), or another
 * writer holds it ({@link AuditLogLockedException}).
 */
public sealed class AuditException extends SpilloverException permits AuditLogLockedException {
  private static final long serialVersionUID = 1L;

  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
