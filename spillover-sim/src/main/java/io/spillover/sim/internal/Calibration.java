package io.spillover.sim.internal;

import io.spillover.sim.ScaleLab;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator against the spike lab at the lab's own load: the lab's two-spike window (trace
 * seconds 540-1139 compressed 15x into 40 s) and its whole trace (compressed 15x), 20
 * requests/s mean, 10 pre-warmed twin instances and 10 concurrent spills, as {@code ./spillover
 * demo} runs them. Prints and returns p99 and spilled share of both side by side.
 */
public final class Calibration {
  private Calibration() {}

  public static Map<String, Object> run(long[] trace, ScaleLab.Options o, Path labWindow,
      Path labLong, PrintWriter progress) throws IOException, InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (labWindow != null) {
      rows.addAll(compare("window", Scenarios.window(trace, 540, 600), 15, o, labWindow,
          progress));
    }
    if (labLong != null) {
      rows.addAll(compare("long", trace, trace.length / 234.0, o, labLong, progress));
    }
    double worst = 0;
    double worstShare = 0;
    for (Map<String, Object> r : rows) {
      worst = Math.max(worst, Math.abs(1 - (double) r.get("p99_ratio")));
      worstShare = Math.max(worstShare, Math.abs((double) r.get("sim_spilled_pct")
          - (double) r.get("lab_spilled_pct")));
    }
    out.put("rows", rows);
    out.put("max_p99_deviation", SetupResult.round(worst, 3));
    out.put("max_spilled_share_gap_points", SetupResult.round(worstShare, 2));
    progress.printf("  calibration: p99 within %.0f %% of the lab, spilled share within %.1f"
        + " points%n", 100 * worst, worstShare);
    progress.flush();
    return out;
  }

  private static List<Map<String, Object>> compare(String name, long[] window,
      double compression, ScaleLab.Options o, Path labFile, PrintWriter progress)
      throws IOException, InterruptedException {
    JsonNode lab = JsonMapper.builder().build().readTree(Files.readString(labFile))
        .get("setups");
    RunSpec base = ScaleLab.spec(window, compression, ScaleLab.BASE_RPS, o, 1);
    // the lab's twins: its local platform, 10 instances started before the runs, 10 at once
    RunSpec spec = new RunSpec(base.perSecond(), compression, base.meanRps(), base.jitter(),
        base.platform().withAccountConcurrency(10).withPrewarmed(10), 10, base.sloMs(),
        base.maxWaiting(), base.vmPricePerHour(), 10, base.seed());
    progress.printf("  calibration, %s: %d trace s compressed %.1fx, %.0f requests/s mean%n",
        name, window.length, compression, spec.meanRps());
    progress.flush();
    ServiceGraph graph = new ServiceGraph(o.jitter());
    Map<String, SetupResult> sim = ScaleRunner.run(spec, Scenarios.setups(spec, graph, false),
        o.threads(), progress);
    List<Map<String, Object>> rows = new ArrayList<>();
    progress.printf("  %-8s %-20s %9s %9s %6s %9s %9s%n", "run", "setup", "lab p99", "sim p99",
        "ratio", "lab spill", "sim spill");
    progress.flush();
    sim.forEach((setup, r) -> {
      JsonNode l = lab.get(setup);
      if (l == null) {
        return;
      }
      double labP99 = l.get("p99_ms").asDouble();
      double labShare = 100 * l.get("spilled_share").asDouble();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("run", name);
      row.put("setup", setup);
      row.put("lab_p99_ms", labP99);
      row.put("sim_p99_ms", SetupResult.round(r.p99Ms(), 1));
      row.put("p99_ratio", SetupResult.round(r.p99Ms() / labP99, 3));
      row.put("lab_spilled_pct", SetupResult.round(labShare, 2));
      row.put("sim_spilled_pct", SetupResult.round(100 * r.spilledShare(), 2));
      row.put("lab_mean_vms", l.get("mean_vms").asDouble());
      row.put("sim_mean_vms", SetupResult.round(r.meanVms(), 2));
      rows.add(row);
      progress.printf("  %-8s %-20s %9.1f %9.1f %6.2f %8.1f%% %8.1f%%%n", name, setup, labP99,
          r.p99Ms(), r.p99Ms() / labP99, labShare, 100 * r.spilledShare());
      progress.flush();
    });
    return rows;
  }
}
