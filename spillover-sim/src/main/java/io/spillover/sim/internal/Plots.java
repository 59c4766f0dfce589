package io.spillover.sim.internal;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The scale plots: cost and p99 against scale, one line per setup (XChart, as the lab's). */
public final class Plots {
  /** One clearly different colour per setup, in the order the setups run. */
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x2ca02c), new Color(0xd62728), new Color(0x7f7f7f)};

  private Plots() {}

  /** {@code byScale}: scale factor to that scale's results by setup. */
  public static void write(Map<Double, Map<String, SetupResult>> byScale, Path dir)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    save(chart(byScale, "Cost per hour of trace against scale", "USD per hour (log)",
        SetupResult::costPerHourUsd), dir.resolve("cost-vs-scale.png"));
    save(chart(byScale, "Cost per hour per 1x of load (USD/h / factor)", "USD per hour per 1x of load",
        null), dir.resolve("unit-cost-vs-scale.png"));
    save(chart(byScale, "p99 latency against scale", "p99 ms (log)", SetupResult::p99Ms),
        dir.resolve("p99-vs-scale.png"));
  }

  private static XYChart chart(Map<Double, Map<String, SetupResult>> byScale, String title,
      String yTitle, ToDoubleFunction<SetupResult> y) {
    XYChart c = new XYChartBuilder().width(900).height(480).title(title)
        .xAxisTitle("scale (x the spike lab's 20 requests/s mean; log)").yAxisTitle(yTitle).build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setXAxisLogarithmic(byScale.size() > 1);
    // the unit cost spans one decade, where a log axis would show no tick labels
    c.getStyler().setYAxisLogarithmic(y != null);
    c.getStyler().setSeriesColors(COLORS);
    List<String> setups = new ArrayList<>(byScale.values().iterator().next().keySet());
    for (String setup : setups) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      byScale.forEach((factor, results) -> {
        SetupResult r = results.get(setup);
        if (r != null) {
          double v = y == null ? r.costPerHourUsd() / factor : y.applyAsDouble(r);
          xs.add(factor);
          ys.add(Math.max(1e-6, v));
        }
      });
      XYSeries s = c.addSeries(setup, xs, ys);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    return c;
  }

  private static void save(XYChart c, Path png) throws IOException {
    BitmapEncoder.saveBitmap(c, png.toString(), BitmapFormat.PNG);
  }
}
