package io.spillover.function;

/** The platform refused the invocation for lack of capacity (Lambda 429, OpenWhisk 429). */
public final class FunctionThrottledException extends FunctionException {
  private static final long serialVersionUID = 1L;

  public FunctionThrottledException(String message) {
    super(message, null);
  }

  @Override
  public boolean mayHaveRun() {
    return false;
  }
}
