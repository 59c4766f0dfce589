package io.spillover;

/** Where a call ran. */
public enum Route {
  /** On this VM, under a local permit. */
  LOCAL,
  /** On a function twin. */
  FUNCTION,
  /** Nowhere: it was rejected. */
  NONE;

  /** The lower-case name used as a metric tag. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
