package io.spillover;

/**
 * What a {@link SpilloverRegistry} does with the check of a spillway's function target when it
 * creates the spillway (see {@link io.spillover.function.FunctionInvoker#check}).
 */
public enum TargetCheckMode {
  /**
   * A target that is not deployed, lacks the service or cannot be reached fails the spillway's
   * creation with a {@link TargetCheckException}: for tests and CI, and for services whose spill
   * target is part of their contract.
   */
  FAIL,
  /**
   * The check runs in the background and a problem is logged as one WARN line; the spillway is
   * created at once and serves locally whatever the target's state (the default: an overflow
   * path that is down should not keep a service from starting).
   */
  WARN,
  /** No check. */
  OFF
}
