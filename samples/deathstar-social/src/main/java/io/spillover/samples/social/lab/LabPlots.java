package io.spillover.samples.social.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lab's plots, like Boxer's Figure 10: per setup, the load and the service calls served by the
 * VMs and by the function twin per second, with p99 on the right axis; p99 over time of all
 * setups (per second and per trace minute), the VMs serving over time, and p99 of the failover
 * runs, on one chart each.
 */
final class LabPlots {
  private final LabOptions o;
  private final Arrivals a;
  private final Map<String, SetupResult> results;
  private final Map<String, SetupResult> failover;

  LabPlots(LabOptions o, Arrivals a, Map<String, SetupResult> results,
      Map<String, SetupResult> failover) {
    this.o = o;
    this.a = a;
    this.results = results;
    this.failover = failover;
  }

  void write() throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(o.out());
    int secs = a.secondsCeil();
    for (SetupResult r : results.values()) {
      save(perSetup(r, secs), "timeline-" + r.name());
    }
    save(p99All(results, secs, "p99 per second, all setups (log scale)"), "p99-all");
    save(vms(results, secs), "vms-over-time");
    save(p99PerMinute(), "p99-per-minute");
    if (!failover.isEmpty()) {
      int fs = (int) Math.ceil(o.failoverSeconds());
      save(p99All(failover, fs, "failover: p99 per second (half the VM capacity lost at "
          + (int) Math.floor(o.failoverSeconds() / 3) + " s)"), "p99-failover");
    }
  }

  private XYChart perSetup(SetupResult r, int secs) {
    XYChart c = base(r.name() + ": load, calls served per second, p99", "requests or calls / s");
    Series s = r.series();
    line(c, "load (requests/s)", secs, s.arrivals, 0);
    line(c, "VM calls/s", secs, s.vmCalls, 0);
    line(c, "function calls/s", secs, s.functionCalls, 0);
    XYSeries p = p99(c, "p99 ms (right)", s, secs);
    if (p != null) {
      p.setYAxisGroup(1);
      c.setYAxisGroupTitle(1, "p99 ms");
      c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    return c;
  }

  private XYChart vms(Map<String, SetupResult> runs, int secs) {
    XYChart c = base("VMs serving (one worker of every service each)", "VMs");
    runs.forEach((n, r) -> line(c, n, secs, r.series().vms, 0));
    return c;
  }

  private XYChart p99PerMinute() {
    XYChart c = new XYChartBuilder().width(900).height(420)
        .title("p99 per trace minute, all setups (log scale)").xAxisTitle("trace minute")
        .yAxisTitle("p99 ms").build();
    style(c);
    c.getStyler().setYAxisLogarithmic(true);
    double perMinute = 60 / a.compression;
    int minutes = (int) Math.ceil(o.windowSeconds() / 60.0);
    results.forEach((n, r) -> {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int m = 0; m < minutes; m++) {
        double v = r.series().p99Millis((int) Math.floor(m * perMinute),
            (int) Math.floor((m + 1) * perMinute));
        if (!Double.isNaN(v)) {
          x.add((double) m);
          y.add(Math.max(1, v));
        }
      }
      if (!x.isEmpty()) {
        c.addSeries(n, x, y).setMarker(SeriesMarkers.NONE);
      }
    });
    return c;
  }

  private XYChart p99All(Map<String, SetupResult> runs, int secs, String title) {
    XYChart c = base(title, "p99 ms");
    c.getStyler().setYAxisLogarithmic(true);
    runs.forEach((n, r) -> p99(c, n, r.series(), secs));
    return c;
  }

  static XYChart base(String title, String yTitle) {
    XYChart c = new XYChartBuilder().width(900).height(420).title(title)
        .xAxisTitle("second of the run").yAxisTitle(yTitle).build();
    style(c);
    return c;
  }

  private static void style(XYChart c) {
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
  }

  static XYSeries line(XYChart c, String name, int secs, AtomicLongArray values, int group) {
    double[] x = new double[secs];
    double[] y = new double[secs];
    for (int i = 0; i < secs; i++) {
      x[i] = i;
      y[i] = values.get(i);
    }
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  static XYSeries p99(XYChart c, String name, Series s, int secs) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < Math.min(secs, s.seconds); i++) {
      double v = s.p99Millis(i);
      if (!Double.isNaN(v)) {
        x.add((double) i);
        y.add(Math.max(1, v));
      }
    }
    if (x.isEmpty()) {
      return null;
    }
    XYSeries series = c.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }

  private void save(XYChart c, String name) throws IOException {
    save(c, o.out(), name);
  }

  static void save(XYChart c, Path dir, String name) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    BitmapEncoder.saveBitmap(c, dir.resolve(name + ".png").toString(), BitmapFormat.PNG);
  }
}
