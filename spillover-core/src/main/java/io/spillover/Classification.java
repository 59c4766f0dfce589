package io.spillover;

/** How sensitive a call's data is; it decides where the call may go. */
public enum Classification {
  /** May go to any function target, in plain text. */
  PUBLIC,
  /** May go to any function target of the deployment, in plain text (the default). */
  INTERNAL,
  /**
   * Never leaves in plain text and never goes to a target without a verified keyset: it is spilled
   * only through a sealed channel to an attested function, or stays local.
   */
  CONFIDENTIAL
}
