package io.spillover;

/** How a call ended. Every call ends in exactly one outcome. */
public enum Outcome {
  /** It returned a result. */
  SUCCESS,
  /** The service code (local or on the function) threw. */
  ERROR,
  /** Spillover refused it: {@link SpillRejectedException}. */
  REJECTED;

  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
