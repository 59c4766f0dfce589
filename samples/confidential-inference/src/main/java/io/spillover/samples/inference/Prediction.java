package io.spillover.samples.inference;

/**
 * The answer to an {@link InferenceRequest}.
 *
 * @param patient the request's patient, echoed
 * @param model the model asked for
 * @param outcome whether the model ran
 * @param label the model's class (empty unless served)
 * @param score the model's score for that class, 0..1 (0 unless served)
 * @param servedBy {@code vm} or {@code twin}: where the call was answered
 * @param twin what the twin instance reports about itself (null when the VM answered)
 */
public record Prediction(String patient, String model, Outcome outcome, String label,
    double score, String servedBy, TwinInstance twin) {

  /** A refusal or unknown model, answered by {@code servedBy}. */
  public static Prediction notServed(InferenceRequest request, Outcome outcome, String servedBy,
      TwinInstance twin) {
    return new Prediction(request.patient(), request.model(), outcome, "", 0, servedBy, twin);
  }
}
