package io.spillover.cli.plan;

import io.spillover.plan.CostModel;
import io.spillover.plan.CostPoint;
import io.spillover.plan.Plan;
import io.spillover.plan.Provisioning;
import io.spillover.plan.Saving;
import io.spillover.plan.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code plan.json}: inputs, prices, the optimum per factor, the saving table and the curves. */
final class PlanJson {
  private PlanJson() {}

  static void write(Plan plan, String traceName, Path file) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("trace", trace(plan.trace(), plan, traceName));
    root.put("inputs", inputs(plan.model(), plan));
    Map<String, Object> optima = new LinkedHashMap<>();
    for (double f : plan.factors()) {
      optima.put(Format.factor(f), point(plan.optimum(f), plan.trace()));
    }
    root.put("beta_opt", optima);
    List<Object> table = new ArrayList<>();
    for (Saving s : plan.savings()) {
      Map<String, Object> row = level(s.level());
      row.put("factor", s.factor());
      row.put("hybrid_vms", s.hybrid().vms());
      row.put("hybrid_beta_rps", s.hybrid().betaRps());
      row.put("hybrid_cost_usd", s.hybrid().totalUsd());
      row.put("saving_percent", Double.isNaN(s.savingPercent()) ? null : s.savingPercent());
      table.add(row);
    }
    root.put("savings", table);
    Map<String, Object> curves = new LinkedHashMap<>();
    for (double f : plan.factors()) {
      List<Object> points = new ArrayList<>();
      for (CostPoint p : plan.curve(f)) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("vms", p.vms());
        point.put("beta_rps", p.betaRps());
        point.put("cost_usd", p.totalUsd());
        points.add(point);
      }
      curves.put(Format.factor(f), points);
    }
    root.put("curves", curves);
    JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
        .writeValue(file.toFile(), root);
  }

  private static Map<String, Object> trace(Trace t, Plan plan, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", name);
    m.put("seconds", t.seconds());
    m.put("total_requests", t.total());
    m.put("mean_rps", t.mean());
    m.put("peak_rps", t.peak());
    Map<String, Object> pct = new LinkedHashMap<>();
    for (Provisioning level : plan.levels()) {
      pct.put(level.label(), level.capacityRps());
    }
    m.put("percentiles_rps", pct);
    return m;
  }

  private static Map<String, Object> inputs(CostModel c, Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vm_price_usd_per_hour", c.vmPricePerHour());
    m.put("vm_vcpus", c.vmVcpus());
    m.put("vcpu_rps", c.vcpuRequestsPerSecond());
    m.put("vm_capacity_rps", c.vmCapacity());
    m.put("service_ms", c.serviceTime().toNanos() / 1e6);
    m.put("function_memory_mb", c.functionMemoryMb());
    m.put("function_gb_second_usd", c.gbSecondPrice());
    m.put("function_request_usd", c.requestPrice());
    m.put("function_cost_per_request_1x_usd", c.functionCostPerRequest(1));
    m.put("factors", plan.factors());
    m.put("levels", plan.levels().stream().map(Provisioning::percentile).toList());
    m.put("model", "VMs for capacity beta kept for the whole trace, billed per second at the"
        + " hourly price; each second the requests above beta run on functions, billed"
        + " service time (whole ms) x memory x factor per GB-second plus a per-request fee;"
        + " beta searched in whole-VM steps from 0 to the peak; cX = nearest-rank percentile of"
        + " the per-second rate; VM-only below c100 drops the load above its fleet's capacity");
    m.put("price_sources", "VM default: AWS list price, on-demand Linux m5.large, us-east-1;"
        + " function defaults: AWS Lambda list prices (x86, per GB-second and per request);"
        + " 1769 MB = one vCPU per the Lambda documentation");
    return m;
  }

  private static Map<String, Object> level(Provisioning p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("level", p.label());
    m.put("percentile", p.percentile());
    m.put("capacity_rps", p.capacityRps());
    m.put("vm_only_vms", p.vms());
    m.put("vm_only_fleet_rps", p.fleetCapacityRps());
    m.put("vm_only_cost_usd", p.costUsd());
    m.put("vm_only_dropped_requests", p.droppedRequests());
    m.put("vm_only_dropped_share", p.droppedShare());
    return m;
  }

  private static Map<String, Object> point(CostPoint p, Trace t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vms", p.vms());
    m.put("beta_rps", p.betaRps());
    m.put("cost_usd", p.totalUsd());
    m.put("vm_cost_usd", p.vmCostUsd());
    m.put("function_cost_usd", p.functionCostUsd());
    m.put("spilled_requests", p.spilledRequests());
    m.put("spilled_share", t.total() == 0 ? 0.0 : p.spilledRequests() / t.total());
    m.put("gb_seconds", p.gbSeconds());
    m.put("spill_seconds", p.spillSeconds());
    return m;
  }
}
