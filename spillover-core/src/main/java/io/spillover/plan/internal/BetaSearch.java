package io.spillover.plan.internal;

import io.spillover.plan.CostModel;
import io.spillover.plan.CostPoint;
import io.spillover.plan.Provisioning;
import io.spillover.plan.Saving;
import io.spillover.plan.Trace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Scans VM counts 0..vmsFor(peak) for each factor and prices the VM-only levels. */
public final class BetaSearch {
  /** More VM steps than this means the VM is tiny next to the load: a units mistake. */
  static final int MAX_STEPS = 1_000_000;

  /** What the scan found. Maps keep the callers' order. */
  public record Result(Map<Double, List<CostPoint>> curves, Map<Double, CostPoint> optima,
      List<Provisioning> levels, List<Saving> savings) {}

  private BetaSearch() {}

  public static Result run(Trace trace, CostModel model, List<Double> factors,
      List<Double> percentiles) {
    checkList(factors, "factors");
    checkList(percentiles, "percentiles");
    int maxVms = model.vmsFor(trace.peak());
    if (maxVms > MAX_STEPS) {
      throw new IllegalArgumentException("the peak of " + trace.peak() + " req/s needs " + maxVms
          + " VMs of " + model.vmCapacity() + " req/s each; more than " + MAX_STEPS
          + " steps (check the units of the VM capacity)");
    }
    Map<Double, List<CostPoint>> curves = new LinkedHashMap<>();
    Map<Double, CostPoint> optima = new LinkedHashMap<>();
    for (double f : factors) {
      List<CostPoint> curve = new ArrayList<>(maxVms + 1);
      CostPoint best = null;
      for (int vms = 0; vms <= maxVms; vms++) {
        CostPoint p = model.cost(trace, vms, f);
        curve.add(p);
        if (best == null || p.totalUsd() < best.totalUsd()) {
          best = p;
        }
      }
      curves.put(f, Collections.unmodifiableList(curve));
      optima.put(f, best);
    }
    List<Provisioning> levels = new ArrayList<>();
    List<Saving> savings = new ArrayList<>();
    for (double pct : percentiles) {
      Provisioning level = provision(trace, model, pct);
      levels.add(level);
      for (double f : factors) {
        CostPoint hybrid = optima.get(f);
        double saving = level.costUsd() > 0
            ? 100.0 * (level.costUsd() - hybrid.totalUsd()) / level.costUsd() : Double.NaN;
        savings.add(new Saving(level, f, hybrid, saving));
      }
    }
    return new Result(Collections.unmodifiableMap(curves), Collections.unmodifiableMap(optima),
        List.copyOf(levels), List.copyOf(savings));
  }

  private static Provisioning provision(Trace trace, CostModel model, double percentile) {
    long capacity = trace.percentile(percentile);
    int vms = model.vmsFor(capacity);
    double fleet = vms * model.vmCapacity();
    double dropped = trace.excessOver(fleet);
    double share = trace.total() == 0 ? 0 : dropped / trace.total();
    return new Provisioning(percentile, capacity, vms, fleet, model.vmCost(vms, trace.seconds()),
        dropped, share);
  }

  private static void checkList(List<Double> values, String name) {
    Objects.requireNonNull(values, name);
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    if (new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(name + " must not repeat a value: " + values);
    }
  }
}
