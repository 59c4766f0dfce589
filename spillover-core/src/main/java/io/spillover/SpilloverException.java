package io.spillover;

/** The root of every exception Spillover itself throws. */
public class SpilloverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpilloverException(String message) {
    super(message);
  }

  public SpilloverException(String message, Throwable cause) {
    super(message, cause);
  }
}
