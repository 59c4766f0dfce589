package io.spillover.samples.inference.demo;

import io.spillover.samples.inference.InferenceRequest;
import io.spillover.samples.inference.Vitals;
import io.spillover.samples.inference.vm.WireTap;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One phase's open-loop load: Poisson arrivals at {@code base} requests/s, then {@code spike}
 * requests/s through the middle half of the phase, then {@code base} again. Each request comes
 * from a tenant (in turn), names a model the tenant is granted or, with probability
 * {@code ungrantedShare}, the one it is not, and carries a patient id that is a wire-tap canary.
 * The same seed gives the same requests at the same offsets.
 */
final class SpikeLoad {
  /** One request, when it is due (nanoseconds from the phase's start) and from whom. */
  record Arrival(long dueNanos, String tenant, InferenceRequest request, boolean granted) {}

  private SpikeLoad() {}

  static List<Arrival> of(String phase, double seconds, double base, double spike,
      double ungrantedShare, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Arrival> out = new ArrayList<>();
    double t = 0;
    int i = 0;
    while (true) {
      t += -Math.log(1 - r.nextDouble()) / rate(t, seconds, base, spike);
      if (t >= seconds) {
        return out;
      }
      String tenant = Tenants.NAMES.get(i % Tenants.NAMES.size());
      boolean granted = r.nextDouble() >= ungrantedShare;
      List<String> models = Tenants.granted(tenant);
      String model = granted ? models.get(r.nextInt(models.size())) : Tenants.notGranted(tenant);
      Vitals v = new Vitals(55 + r.nextInt(80), 85 + r.nextInt(70), 36 + r.nextInt(35) / 10.0,
          84 + r.nextInt(16));
      String patient = WireTap.PREFIX + phase + "-" + Integer.toHexString(0x100000 + i);
      out.add(new Arrival((long) (t * 1e9), tenant, new InferenceRequest(patient, model, v),
          granted));
      i++;
    }
  }

  /** The rate at second {@code t}: the spike spans the middle half. */
  static double rate(double t, double seconds, double base, double spike) {
    return t >= seconds / 4 && t < seconds * 3 / 4 ? spike : base;
  }
}
