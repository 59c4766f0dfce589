package io.spillover.plan;

import io.spillover.plan.internal.BetaSearch;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A capacity plan for one trace and one cost model: for each function resource factor, the cost
 * of VM+FaaS at every VM count from 0 to the peak's (the curve) and its cheapest point (the
 * optimum, fewest VMs on a tie); for each provisioning level cX, the VM-only cost; and the saving
 * table, as in Boxer's Table 1. VMs are kept for the whole trace; every request above their
 * capacity in a second runs on a function that second.
 */
public final class Plan {
  /** Boxer's function resource factors: 1x, 2x, 4x, 8x. */
  public static final List<Double> BOXER_FACTORS = List.of(1.0, 2.0, 4.0, 8.0);
  /** Boxer's provisioning levels: c100, c99, c95, c90. */
  public static final List<Double> BOXER_LEVELS = List.of(100.0, 99.0, 95.0, 90.0);

  private final Trace trace;
  private final CostModel model;
  private final Map<Double, List<CostPoint>> curves;
  private final Map<Double, CostPoint> optima;
  private final List<Provisioning> levels;
  private final List<Saving> savings;

  private Plan(Trace trace, CostModel model, BetaSearch.Result r) {
    this.trace = trace;
    this.model = model;
    this.curves = r.curves();
    this.optima = r.optima();
    this.levels = r.levels();
    this.savings = r.savings();
  }

  /** The plan for Boxer's factors and levels. */
  public static Plan compute(Trace trace, CostModel model) {
    return compute(trace, model, BOXER_FACTORS, BOXER_LEVELS);
  }

  /**
   * The plan for the given factors (each &gt; 0) and levels (percentiles in [0, 100]), each list
   * non-empty and without repeats.
   */
  public static Plan compute(Trace trace, CostModel model, List<Double> factors,
      List<Double> percentiles) {
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(model, "model");
    return new Plan(trace, model, BetaSearch.run(trace, model, factors, percentiles));
  }

  public Trace trace() {
    return trace;
  }

  public CostModel model() {
    return model;
  }

  /** The factors, in the order given. */
  public List<Double> factors() {
    return List.copyOf(curves.keySet());
  }

  /** VM+FaaS cost at 0, 1, ... VMs up to the VMs that serve the peak, at {@code factor}. */
  public List<CostPoint> curve(double factor) {
    return require(curves.get(factor), factor);
  }

  /** The cheapest point of {@link #curve(double)} (fewest VMs on a tie). */
  public CostPoint optimum(double factor) {
    return require(optima.get(factor), factor);
  }

  /** The VM-only provisioning levels, in the order given. */
  public List<Provisioning> levels() {
    return levels;
  }

  /** One saving per level and factor, level-major, in the order given. */
  public List<Saving> savings() {
    return savings;
  }

  private static <T> T require(T value, double factor) {
    if (value == null) {
      throw new IllegalArgumentException("factor " + factor + " is not part of this plan");
    }
    return value;
  }
}
