package io.spillover.samples.inference;

/** How an inference call ended, wherever it ran. */
public enum Outcome {
  /** The model ran and answered. */
  SERVED,
  /** The caller is not granted the model: nothing was decrypted or run. */
  NOT_GRANTED,
  /** No such model in this deployment. */
  UNKNOWN_MODEL
}
