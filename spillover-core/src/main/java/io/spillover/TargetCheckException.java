package io.spillover;

import io.spillover.function.FunctionRef;
import io.spillover.function.TargetCheck;
import java.util.Objects;

/**
 * A spillway was not created because the check of its function target found a problem (with
 * {@link TargetCheckMode#FAIL}). The message names the spillway, the target and what was found.
 */
public final class TargetCheckException extends SpilloverException {
  private static final long serialVersionUID = 1L;

  private final String spillway;
  private final transient FunctionRef target;
  private final transient TargetCheck check;

  public TargetCheckException(String spillway, FunctionRef target, TargetCheck check) {
    super("spillway '" + spillway + "': its function target " + target + " failed the startup "
        + "check: " + Objects.requireNonNull(check, "check"));
    this.spillway = spillway;
    this.target = target;
    this.check = check;
  }

  public String spillway() {
    return spillway;
  }

  public FunctionRef target() {
    return target;
  }

  /** What the check found. */
  public TargetCheck check() {
    return check;
  }
}
