package io.spillover.samples.social.lab;

import io.spillover.Spillway;
import io.spillover.SpillwayMetrics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a setup's run cost on the function platform, counted both ways: as the local platform
 * billed it (every invocation, 1 ms granularity, the init phase of each cold start included, as
 * Lambda bills since August 2025), and as the VM side's spillways metered it (the SDK's own
 * model, which the spend cap acts on). Both include cold starts and pre-warm pings; neither leaves
 * them out as Boxer's cost model does. The twin instances the lab starts before the runs are
 * pre-warming too: {@code prewarmUsd}, what starting them costs on Lambda (a modelled init and a
 * short invocation each), is charged once to every setup that spills.
 *
 * @param billedUsd billed by the platform during the run
 * @param invocations invocations during the run
 * @param coldStarts cold starts during the run
 * @param prewarmUsd the one-off pre-warming charge (the instances started before the runs)
 * @param meteredUsd the spillways' modelled spend during the run
 * @param meteredColdStartUsd its part for cold starts' init
 * @param meteredPrewarmUsd its part for pre-warm pings
 */
record FunctionBill(double billedUsd, long invocations, long coldStarts, double prewarmUsd,
    double meteredUsd, double meteredColdStartUsd, double meteredPrewarmUsd) {

  /** The platform's counters at one moment. */
  record Snapshot(double costUsd, long invocations, long coldStarts) {}

  static FunctionBill between(Snapshot before, Snapshot after, double prewarmUsd,
      Collection<Spillway<?, ?>> spillways) {
    double metered = 0;
    double cold = 0;
    double pings = 0;
    for (Spillway<?, ?> s : spillways) {
      SpillwayMetrics m = s.metrics();
      metered += m.spendUsd();
      cold += m.coldStartSpendUsd();
      pings += m.prewarmSpendUsd();
    }
    return new FunctionBill(after.costUsd() - before.costUsd(),
        after.invocations() - before.invocations(), after.coldStarts() - before.coldStarts(),
        prewarmUsd, metered, cold, pings);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("billed_usd", SetupResult.round9(billedUsd));
    m.put("invocations", invocations);
    m.put("cold_starts", coldStarts);
    m.put("prewarm_usd", SetupResult.round9(prewarmUsd));
    m.put("metered_usd", SetupResult.round9(meteredUsd));
    m.put("metered_cold_start_usd", SetupResult.round9(meteredColdStartUsd));
    m.put("metered_prewarm_usd", SetupResult.round9(meteredPrewarmUsd));
    return m;
  }
}
