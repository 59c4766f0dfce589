package io.spillover.samples.inference.model;

import io.spillover.samples.inference.Vitals;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mid-sized model: k-nearest neighbours ({@code k} = 15) over a synthetic reference cohort of
 * 1,500 patients, half of them septic, answering {@code sepsis-likely} or
 * {@code sepsis-unlikely} with the share of septic neighbours. Its weights are the cohort (about
 * a hundred kilobytes), which is exactly what must not leave an attested instance.
 */
public final class SepsisModel implements Model {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int COHORT = 1500;

  /** Standardised reference points and whether each was septic. */
  record Weights(int k, double[] mean, double[] scale, double[][] points, boolean[] septic) {}

  private final Weights w;

  private SepsisModel(Weights w) {
    if (w.points().length != w.septic().length || w.k() < 1 || w.k() > w.points().length) {
      throw new IllegalArgumentException("inconsistent sepsis weights");
    }
    this.w = w;
  }

  /** The sample's cohort, drawn from a fixed seed: the same weights on every run. */
  public static SepsisModel reference() {
    SplittableRandom r = new SplittableRandom(19);
    double[] mean = {85, 118, 37.2, 96};
    double[] scale = {18, 22, 0.9, 3};
    double[][] points = new double[COHORT][];
    boolean[] septic = new boolean[COHORT];
    for (int i = 0; i < COHORT; i++) {
      septic[i] = i % 2 == 0;
      double[] v = septic[i]
          ? new double[] {gauss(r, 112, 15), gauss(r, 96, 14), gauss(r, 38.6, 0.6), gauss(r, 92, 3)}
          : new double[] {gauss(r, 78, 10), gauss(r, 126, 14), gauss(r, 36.9, 0.4),
              gauss(r, 97.5, 1.2)};
      for (int f = 0; f < v.length; f++) {
        v[f] = Math.round((v[f] - mean[f]) / scale[f] * 1e4) / 1e4;
      }
      points[i] = v;
    }
    return new SepsisModel(new Weights(15, mean, scale, points, septic));
  }

  static SepsisModel fromBytes(byte[] bytes) {
    return new SepsisModel(JSON.readValue(bytes, Weights.class));
  }

  private static double gauss(SplittableRandom r, double mean, double sd) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  @Override
  public String name() {
    return "sepsis";
  }

  @Override
  public Result predict(Vitals vitals) {
    double[] x = vitals.features();
    for (int f = 0; f < x.length; f++) {
      x[f] = (x[f] - w.mean()[f]) / w.scale()[f];
    }
    // the k smallest distances, by insertion into a sorted array of k
    double[] best = new double[w.k()];
    boolean[] bestSeptic = new boolean[w.k()];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    for (int i = 0; i < w.points().length; i++) {
      double d = 0;
      for (int f = 0; f < x.length; f++) {
        double diff = x[f] - w.points()[i][f];
        d += diff * diff;
      }
      if (d < best[best.length - 1]) {
        int j = best.length - 1;
        while (j > 0 && best[j - 1] > d) {
          best[j] = best[j - 1];
          bestSeptic[j] = bestSeptic[j - 1];
          j--;
        }
        best[j] = d;
        bestSeptic[j] = w.septic()[i];
      }
    }
    int septic = 0;
    for (boolean s : bestSeptic) {
      septic += s ? 1 : 0;
    }
    double share = (double) septic / w.k();
    return share >= 0.5 ? new Result("sepsis-likely", share)
        : new Result("sepsis-unlikely", 1 - share);
  }

  @Override
  public byte[] toBytes() {
    return JSON.writeValueAsBytes(w);
  }
}
