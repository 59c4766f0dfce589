package io.spillover.samples.inference.model;

import io.spillover.samples.inference.Vitals;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * The largest model: a small multilayer perceptron (4 inputs, two hidden layers of 128 ReLU
 * units, one sigmoid output) scoring the risk of readmission within 30 days, {@code readmit} or
 * {@code no-readmit}. About 17,000 weights, some three hundred kilobytes as shipped. Its weights
 * are drawn from a fixed seed: a stand-in for a trained network of that shape.
 */
public final class ReadmissionModel implements Model {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int HIDDEN = 128;

  /** Layer weights ({@code [out][in]}) and biases, and the input standardisation. */
  record Weights(double[] mean, double[] scale, double[][] w1, double[] b1, double[][] w2,
      double[] b2, double[] w3, double b3) {}

  private final Weights w;

  private ReadmissionModel(Weights w) {
    if (w.w1().length != w.b1().length || w.w2().length != w.b2().length
        || w.w3().length != w.w2().length || w.w1()[0].length != w.mean().length) {
      throw new IllegalArgumentException("inconsistent readmission weights");
    }
    this.w = w;
  }

  /** The sample's network, drawn from a fixed seed (He initialisation, 4 significant digits). */
  public static ReadmissionModel reference() {
    SplittableRandom r = new SplittableRandom(30);
    return new ReadmissionModel(new Weights(new double[] {82, 122, 37.1, 96.5},
        new double[] {16, 21, 0.8, 2.6}, layer(r, HIDDEN, 4), new double[HIDDEN],
        layer(r, HIDDEN, HIDDEN), new double[HIDDEN], layer(r, 1, HIDDEN)[0], -0.2));
  }

  static ReadmissionModel fromBytes(byte[] bytes) {
    return new ReadmissionModel(JSON.readValue(bytes, Weights.class));
  }

  private static double[][] layer(SplittableRandom r, int out, int in) {
    double[][] m = new double[out][in];
    double sd = Math.sqrt(2.0 / in);
    for (double[] row : m) {
      for (int i = 0; i < in; i++) {
        double u = 1 - r.nextDouble();
        double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        row[i] = Math.round(g * sd * 1e4) / 1e4;
      }
    }
    return m;
  }

  @Override
  public String name() {
    return "readmission";
  }

  @Override
  public Result predict(Vitals vitals) {
    double[] x = vitals.features();
    for (int f = 0; f < x.length; f++) {
      x[f] = (x[f] - w.mean()[f]) / w.scale()[f];
    }
    double[] h1 = relu(w.w1(), w.b1(), x);
    double[] h2 = relu(w.w2(), w.b2(), h1);
    double z = w.b3();
    for (int i = 0; i < h2.length; i++) {
      z += w.w3()[i] * h2[i];
    }
    double p = 1 / (1 + Math.exp(-z));
    return p >= 0.5 ? new Result("readmit", p) : new Result("no-readmit", 1 - p);
  }

  private static double[] relu(double[][] weights, double[] bias, double[] in) {
    double[] out = new double[weights.length];
    for (int o = 0; o < out.length; o++) {
      double s = bias[o];
      for (int i = 0; i < in.length; i++) {
        s += weights[o][i] * in[i];
      }
      out[o] = Math.max(0, s);
    }
    return out;
  }

  @Override
  public byte[] toBytes() {
    return JSON.writeValueAsBytes(w);
  }
}
