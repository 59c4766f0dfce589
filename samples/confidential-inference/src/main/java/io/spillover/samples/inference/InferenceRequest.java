package io.spillover.samples.inference;

/**
 * One inference call: which model, on whose vitals.
 *
 * @param patient the patient's identifier (confidential, like the vitals)
 * @param model the model's name, e.g. {@code triage}
 * @param vitals the input
 */
public record InferenceRequest(String patient, String model, Vitals vitals) {}
