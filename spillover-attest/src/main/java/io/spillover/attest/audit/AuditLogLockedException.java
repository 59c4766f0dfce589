package io.spillover.attest.audit;

/**
 * Another {@link AuditLog} (in this process or another) has the file open for writing. A log has
 * one writer at a time: two would each extend the chain from the same head and break it.
 */
public final class AuditLogLockedException extends AuditException {
  private static final long serialVersionUID = 1L;

  public AuditLogLockedException(String message) {
    super(message);
  }
}
