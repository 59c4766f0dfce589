package io.spillover.cli.plan;

import io.spillover.plan.CostModel;
import io.spillover.plan.CostPoint;
import io.spillover.plan.Plan;
import io.spillover.plan.Provisioning;
import io.spillover.plan.Saving;
import io.spillover.plan.Trace;
import java.io.PrintWriter;
import java.util.Locale;

/** The plan as readable text tables. */
final class PlanReport {
  private PlanReport() {}

  static void print(PrintWriter o, Plan plan, String traceName) {
    Trace t = plan.trace();
    CostModel m = plan.model();
    o.printf(Locale.ROOT,
        "Trace %s: %d s (%.1f min), %d requests, mean %.2f req/s, peak %d req/s%n", traceName,
        t.seconds(), t.seconds() / 60.0, t.total(), t.mean(), t.peak());
    o.printf(Locale.ROOT, "VM: %.4f USD/h, %d vCPU x %.2f req/s = %.2f req/s per VM%n",
        m.vmPricePerHour(), m.vmVcpus(), m.vcpuRequestsPerSecond(), m.vmCapacity());
    o.printf(Locale.ROOT, "Function: %d MB, service %s ms, %.10f USD/GB-s, %.2f USD per 1M"
        + " requests; one spilled request at 1x costs %.3e USD%n", m.functionMemoryMb(),
        Format.millis(m.serviceTime()), m.gbSecondPrice(), m.requestPrice() * 1e6,
        m.functionCostPerRequest(1));
    o.printf(Locale.ROOT, "One VM over the trace: %.4f USD; all requests on functions at 1x:"
        + " %.4f USD%n%n", m.vmCost(1, t.seconds()), m.cost(t, 0, 1).totalUsd());

    o.println("Cost-optimal VM capacity beta (VMs for beta, the rest on functions each second)");
    o.printf("%-7s %5s %11s %11s %13s %11s %9s %13s%n", "factor", "VMs", "beta req/s", "VM USD",
        "function USD", "total USD", "spilled", "spill seconds");
    for (double f : plan.factors()) {
      CostPoint p = plan.optimum(f);
      o.printf(Locale.ROOT, "%-7s %5d %11.2f %11.4f %13.4f %11.4f %8.2f%% %13d%n",
          Format.factor(f), p.vms(), p.betaRps(), p.vmCostUsd(), p.functionCostUsd(),
          p.totalUsd(), share(p.spilledRequests(), t.total()), p.spillSeconds());
    }

    o.println();
    o.println("Saving of the optimal VM+FaaS against VM-only provisioning for cX (the X-th"
        + " percentile of the per-second rate)");
    o.println("(below c100 the VM-only fleet cannot serve the load above its capacity: 'dropped')");
    StringBuilder head = new StringBuilder(String.format("%-6s %8s %5s %12s %8s",
        "level", "req/s", "VMs", "VM-only USD", "dropped"));
    for (double f : plan.factors()) {
      head.append(String.format("%9s", Format.factor(f)));
    }
    o.println(head);
    int i = 0;
    for (Provisioning level : plan.levels()) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
          "%-6s %8d %5d %12.4f %7.2f%%", level.label(), level.capacityRps(), level.vms(),
          level.costUsd(), 100 * level.droppedShare()));
      for (int k = 0; k < plan.factors().size(); k++) {
        Saving s = plan.savings().get(i++);
        row.append(Double.isNaN(s.savingPercent()) ? String.format("%9s", "n/a")
            : String.format(Locale.ROOT, "%8.1f%%", s.savingPercent()));
      }
      o.println(row);
    }
    if (plan.levels().stream().anyMatch(l -> l.vms() <= 1) && t.peak() <= m.vmCapacity()) {
      o.printf(Locale.ROOT, "%nNote: one VM (%.0f req/s) serves the whole peak (%d req/s): VM"
          + " granularity, not the percentile, sets every VM-only level's cost.%n",
          m.vmCapacity(), t.peak());
    }
  }

  private static double share(double part, long total) {
    return total == 0 ? 0 : 100.0 * part / total;
  }
}
