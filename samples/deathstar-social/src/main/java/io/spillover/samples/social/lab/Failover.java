package io.spillover.samples.social.lab;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failover scenario: steady load at the mean rate on VM capacity beta; a third of the way in,
 * half of every pool is lost (a VM fails) and comes back when a replacement has booted. Measures
 * how long until p99 is back under the SLO, on VMs alone and with Spillover.
 */
final class Failover {
  static final double LOSS = 0.5;
  private final LabOptions o;
  private final int base;
  private final double boot;
  private final double compression;

  Failover(LabOptions o, int base, double boot, double compression) {
    this.o = o;
    this.base = base;
    this.boot = boot;
    this.compression = compression;
  }

  Map<String, Object> run(SetupRunner runner, Map<String, SetupResult> runs, PrintStream p)
      throws InterruptedException {
    Arrivals steady = Arrivals.constant(o.meanRps(), o.failoverSeconds());
    double failAt = Math.floor(o.failoverSeconds() / 3);
    int end = (int) Math.floor(o.failoverSeconds());
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("load_rps", o.meanRps());
    f.put("slo_ms", o.sloMs());
    f.put("fail_at_s", failAt);
    f.put("capacity_lost", LOSS);
    f.put("replacement_after_s", SetupResult.round(boot));
    for (String name : new String[] {"vm_only", "spillover"}) {
      Setup s = Setup.of("failover_" + name, base, name.equals("spillover"))
          .losing(new Setup.Loss(failAt, LOSS, boot));
      SetupResult r = runner.run(s, steady);
      runs.put(name, r);
      int recovery = r.series().secondsUntilUnder((int) failAt, end, o.sloMs());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seconds_to_p99_under_slo", recovery);
      m.put("trace_seconds_to_p99_under_slo", SetupResult.round(recovery * compression));
      m.put("requests", r.requests());
      m.put("spilled", r.spilled());
      m.put("rejected", r.rejected());
      m.put("errors", r.errors());
      m.put("lost", r.lost());
      m.put("p99_ms", SetupResult.round(r.p99Ms()));
      f.put(name, m);
    }
    return f;
  }
}
