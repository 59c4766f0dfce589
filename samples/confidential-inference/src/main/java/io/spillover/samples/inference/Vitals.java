package io.spillover.samples.inference;

/**
 * A patient's vital signs: the confidential input of every model.
 *
 * @param heartRate beats per minute
 * @param systolic systolic blood pressure, mmHg
 * @param temperature body temperature, °C
 * @param spo2 oxygen saturation, %
 */
public record Vitals(double heartRate, double systolic, double temperature, double spo2) {

  /** The features in the order the models read them. */
  public double[] features() {
    return new double[] {heartRate, systolic, temperature, spo2};
  }
}
