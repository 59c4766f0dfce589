package io.spillover;

/** What a call does when the local limit is reached. */
public enum OverloadAction {
  /** Go to the function twin if the policy and budget allow, else wait for a local permit. */
  SPILL,
  /** Do not spill: wait (bounded, never past the deadline) for a local permit. */
  WAIT,
  /** Fail at once with {@link SpillRejectedException.Reason#SHED}. */
  SHED
}
