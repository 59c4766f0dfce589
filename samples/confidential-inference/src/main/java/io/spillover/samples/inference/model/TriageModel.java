package io.spillover.samples.inference.model;

import io.spillover.samples.inference.Vitals;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The smallest model: a nearest-centroid classifier of triage risk ({@code low}, {@code medium},
 * {@code high}) over standardised vitals. A few hundred bytes of weights.
 */
public final class TriageModel implements Model {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The serialised weights. */
  record Weights(List<String> labels, double[][] centroids, double[] mean, double[] scale) {}

  private final Weights w;

  private TriageModel(Weights w) {
    if (w.labels().size() != w.centroids().length || w.mean().length != w.scale().length) {
      throw new IllegalArgumentException("inconsistent triage weights");
    }
    this.w = w;
  }

  /** The sample's weights: low, medium and high risk over heart rate, BP, temperature, SpO2. */
  public static TriageModel reference() {
    return new TriageModel(new Weights(List.of("low", "medium", "high"),
        new double[][] {{0, 0, 0, 0.3}, {1.2, 0.8, 1.0, -0.8}, {2.5, -1.5, 2.0, -3.0}},
        new double[] {80, 120, 37.0, 97}, new double[] {15, 20, 0.8, 2.5}));
  }

  static TriageModel fromBytes(byte[] bytes) {
    return new TriageModel(JSON.readValue(bytes, Weights.class));
  }

  @Override
  public String name() {
    return "triage";
  }

  @Override
  public Result predict(Vitals vitals) {
    double[] x = vitals.features();
    int best = 0;
    double[] distances = new double[w.centroids().length];
    for (int c = 0; c < distances.length; c++) {
      for (int i = 0; i < x.length; i++) {
        double d = (x[i] - w.mean()[i]) / w.scale()[i] - w.centroids()[c][i];
        distances[c] += d * d;
      }
      if (distances[c] < distances[best]) {
        best = c;
      }
    }
    // a softmax over negative distances: how clearly the nearest class wins
    double sum = 0;
    for (double d : distances) {
      sum += Math.exp(-d);
    }
    return new Result(w.labels().get(best), Math.exp(-distances[best]) / sum);
  }

  @Override
  public byte[] toBytes() {
    return JSON.writeValueAsBytes(w);
  }
}
