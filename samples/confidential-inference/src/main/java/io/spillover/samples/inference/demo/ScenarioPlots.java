package io.spillover.samples.inference.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scenario's plots, as the spike lab draws them: per phase, the load and the calls answered
 * on the VM and by the twin per second, p99 on the right axis; and p99 per second of every phase
 * on one chart.
 */
final class ScenarioPlots {
  private ScenarioPlots() {}

  static void write(Path out, List<PhaseResult> phases) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(out);
    XYChart all = chart("p99 per second, every phase (log scale)", "p99 ms");
    all.getStyler().setYAxisLogarithmic(true);
    for (PhaseResult p : phases) {
      PhaseRecorder r = p.recorder();
      XYChart c = chart(p.name() + ": load, answers per second, p99", "requests / s");
      line(c, "load (requests/s)", r.arrivals);
      line(c, "answered on the VM /s", r.vmAnswers);
      line(c, "answered by the twin, sealed /s", r.twinAnswers);
      XYSeries p99 = p99(c, "p99 ms (right)", r);
      if (p99 != null) {
        p99.setYAxisGroup(1);
        c.setYAxisGroupTitle(1, "p99 ms");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
      }
      BitmapEncoder.saveBitmap(c, out.resolve("timeline-" + p.name() + ".png").toString(),
          BitmapFormat.PNG);
      p99(all, p.name(), r);
    }
    BitmapEncoder.saveBitmap(all, out.resolve("p99-phases.png").toString(), BitmapFormat.PNG);
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart c = new XYChartBuilder().width(900).height(420).title(title)
        .xAxisTitle("second of the phase").yAxisTitle(yTitle).build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    return c;
  }

  private static void line(XYChart c, String name, AtomicLongArray values) {
    double[] x = new double[values.length()];
    double[] y = new double[values.length()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
      y[i] = values.get(i);
    }
    c.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }

  private static XYSeries p99(XYChart c, String name, PhaseRecorder r) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int s = 0; s < r.seconds; s++) {
      double v = r.p99Millis(s);
      if (!Double.isNaN(v)) {
        x.add((double) s);
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
}
