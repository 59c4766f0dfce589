package io.spillover.samples.inference;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small deterministic nearest-centroid classifier over {@link Vitals}: features are
 * standardised with the model's mean and scale, and the class whose centroid is nearest wins.
 * Its weights are the confidential asset a function image may only carry encrypted
 * ({@link SealedModel}).
 */
public final class TriageModel {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The serialised weights. */
  record Weights(List<String> labels, double[][] centroids, double[] mean, double[] scale) {}

  private final Weights w;

  private TriageModel(Weights w) {
    if (w.labels().size() != w.centroids().length || w.mean().length != w.scale().length) {
      throw new IllegalArgumentException("inconsistent model weights");
    }
    this.w = w;
  }

  /** The sample's weights: low, medium and high risk over heart rate, BP, temperature, SpO2. */
  public static TriageModel reference() {
    return new TriageModel(new Weights(List.of("low", "medium", "high"),
        new double[][] {{0, 0, 0, 0.3}, {1.2, 0.8, 1.0, -0.8}, {2.5, -1.5, 2.0, -3.0}},
        new double[] {80, 120, 37.0, 97}, new double[] {15, 20, 0.8, 2.5}));
  }

  public Assessment classify(Vitals vitals, String servedBy) {
    double[] x = Objects.requireNonNull(vitals, "vitals").features();
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int c = 0; c < w.centroids().length; c++) {
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        double d = (x[i] - w.mean()[i]) / w.scale()[i] - w.centroids()[c][i];
        sum += d * d;
      }
      if (sum < bestDistance) {
        bestDistance = sum;
        best = c;
      }
    }
    return new Assessment(w.labels().get(best), Math.sqrt(bestDistance), servedBy);
  }

  byte[] toBytes() {
    return JSON.writeValueAsBytes(w);
  }

  static TriageModel fromBytes(byte[] bytes) {
    return new TriageModel(JSON.readValue(bytes, Weights.class));
  }
}
