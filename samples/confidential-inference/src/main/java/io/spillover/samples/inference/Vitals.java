package io.spillover.samples.inference;

/**
 * A patient's vital signs: the confidential input of the triage model.
 *
 * @param heartRate beats per minute
 * @param systolic systolic blood pressure, mmHg
 * @param temperature body temperature, °C
 * @param spo2 oxygen saturation, %
 */
public record Vitals(double heartRate, double systolic, double temperature, double spo2) {

  double[] features() {
    return new double[] {heartRate, systolic, temperature, spo2};
  }
}
