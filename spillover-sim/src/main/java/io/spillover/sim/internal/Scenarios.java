package io.spillover.sim.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spike lab's setups, sized as the lab sizes them: a VM carries what its busiest service
 * serves at 80 % utilisation; {@code vm_only} has beta = 1.3 x the mean rate, overprovisioned
 * the peak second's; the autoscalers track 80 % utilisation over a trace minute, with 45 trace-s
 * boots, 15 s warm-up and 3 minutes before scaling in. Trace-time settings are divided by the
 * run's compression, as the lab does.
 */
public final class Scenarios {
  public static final double TARGET_UTILISATION = 0.8;
  public static final double BETA = 1.3;
  public static final double BOOT_TRACE_SECONDS = 45;

  private Scenarios() {}

  /** Mixed requests/s one VM carries at the target utilisation. */
  public static double rpsPerVm(ServiceGraph graph) {
    return TARGET_UTILISATION * 1000 / graph.busiestDemandMillis();
  }

  public static int vmsFor(double rps, ServiceGraph graph) {
    return Math.max(1, (int) Math.ceil(rps / rpsPerVm(graph) - 1e-9));
  }

  /**
   * The five setups of the spike lab and, when {@code fleet}, the same VMs as a fleet: each VM
   * its own registry with its own spill budget, all sharing one function.
   */
  public static List<Setup> setups(RunSpec spec, ServiceGraph graph, boolean fleet) {
    int base = vmsFor(BETA * spec.meanRps(), graph);
    int peak = vmsFor(spec.peakRps(), graph);
    double c = spec.compression();
    Autoscaler.Spec scaling = new Autoscaler.Spec(false, 1, 2 * Math.max(base, peak),
        BOOT_TRACE_SECONDS / c, 60 / c, 15 / c, 180 / c, TARGET_UTILISATION);
    Autoscaler.Spec advice = new Autoscaler.Spec(true, scaling.minVms(), scaling.maxVms(),
        scaling.bootSeconds(), scaling.windowSeconds(), scaling.warmupSeconds(),
        scaling.scaleInSeconds(), scaling.target());
    List<Setup> list = new ArrayList<>(List.of(
        Setup.fixed("vm_only", base, false),
        Setup.fixed("overprovisioned", peak, false),
        new Setup("autoscale", base, false, scaling, 1),
        Setup.fixed("spillover", base, true),
        new Setup("spillover_autoscale", base, true, advice, 1)));
    if (fleet) {
      list.add(new Setup("fleet", base, true, null, base));
    }
    return list;
  }

  /** A window of the trace, {@code [start, start + length)} clipped to it. */
  public static long[] window(long[] trace, int start, int length) {
    if (start < 0 || start >= trace.length) {
      throw new IllegalArgumentException("window start " + start + " is outside the trace ("
          + trace.length + " s)");
    }
    return Arrays.copyOfRange(trace, start, Math.min(trace.length, start + length));
  }
}
