package io.spillover.function;

import java.util.Objects;

/**
 * The function ran and reported an error: the handler threw, or the function side refused the
 * envelope (unknown service, malformed, expired, duplicate). {@link #type()} is the error type the
 * function side reported; no remote stack trace is carried.
 */
public final class FunctionErrorException extends FunctionException {
  private static final long serialVersionUID = 1L;
  private final String type;

  public FunctionErrorException(String type, String message) {
    super(type + ": " + message, null);
    this.type = Objects.requireNonNull(type, "type");
  }

  public String type() {
    return type;
  }

  @Override
  public boolean mayHaveRun() {
    return true;
  }
}
