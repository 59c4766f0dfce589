package io.spillover.function;

/** No reply before the call's deadline (or the platform reported its own timeout). */
public final class FunctionTimeoutException extends FunctionException {
  private static final long serialVersionUID = 1L;

  public FunctionTimeoutException(String message) {
    super(message, null);
  }

  @Override
  public boolean mayHaveRun() {
    return true;
  }
}
