package io.spillover;

/**
 * A call's class under overload. Each class maps to an {@link OverloadAction} in the spillway's
 * config; by default critical and normal calls spill, batch calls wait for a local permit.
 */
public enum Priority {
  CRITICAL,
  NORMAL,
  BATCH
}
