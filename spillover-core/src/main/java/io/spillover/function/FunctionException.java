package io.spillover.function;

import io.spillover.SpilloverException;

/** A spilled call failed on the way to, in, or back from the function twin. */
public abstract class FunctionException extends SpilloverException {
  private static final long serialVersionUID = 1L;

  protected FunctionException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the call may have run on the function. A call that may have run is retried on the
   * function only when the caller declared it idempotent; the local fallback applies either way.
   */
  public abstract boolean mayHaveRun();
}
