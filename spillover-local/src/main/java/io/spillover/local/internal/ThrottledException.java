package io.spillover.local.internal;

/** A request refused at a concurrency cap; the front ends turn it into each API's 429. */
public final class ThrottledException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which cap was reached. */
  public enum Scope { FUNCTION, TOTAL }

  private final Scope scope;
  private final int count;
  private final int allowed;

  ThrottledException(Scope scope, int count, int allowed) {
    super((scope == Scope.FUNCTION ? "function" : "platform") + " concurrency cap reached ("
        + count + " of " + allowed + ")", null, false, false);
    this.scope = scope;
    this.count = count;
    this.allowed = allowed;
  }

  public Scope scope() {
    return scope;
  }

  public int count() {
    return count;
  }

  public int allowed() {
    return allowed;
  }
}
