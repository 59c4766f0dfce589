package io.spillover.samples.inference.model;

import io.spillover.samples.inference.Vitals;

/** A model of the deployment: pure, thread-safe, its weights the confidential asset. */
public interface Model {

  /** Its name in requests, e.g. {@code triage}. */
  String name();

  /** Runs the model. */
  Result predict(Vitals vitals);

  /** The weights as they ship (before sealing); their length is the model's weight in caches. */
  byte[] toBytes();

  /** A class and its score, 0..1. */
  record Result(String label, double score) {}
}
