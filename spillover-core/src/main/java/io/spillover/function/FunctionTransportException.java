package io.spillover.function;

/**
 * The exchange with the platform broke: connection refused or reset, an empty or malformed reply,
 * a 5xx from the platform itself.
 */
public final class FunctionTransportException extends FunctionException {
  private static final long serialVersionUID = 1L;
  private final boolean mayHaveRun;

  public FunctionTransportException(String message, boolean mayHaveRun, Throwable cause) {
    super(message, cause);
    this.mayHaveRun = mayHaveRun;
  }

  @Override
  public boolean mayHaveRun() {
    return mayHaveRun;
  }
}
