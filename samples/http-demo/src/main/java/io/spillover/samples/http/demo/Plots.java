package io.spillover.samples.http.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** latency.png: p50 and p99 of each setup, side by side (headless, PNG). */
final class Plots {
  private Plots() {}

  static void latency(Map<String, Map<String, Object>> setups, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    CategoryChart c = new CategoryChartBuilder().width(800).height(450)
        .title("http scenario: latency at the front end").xAxisTitle("setup")
        .yAxisTitle("ms").build();
    List<String> names = new ArrayList<>(setups.keySet());
    for (String p : List.of("p50_ms", "p99_ms")) {
      List<Double> values = new ArrayList<>();
      names.forEach(n -> values.add(((Number) setups.get(n).get(p)).doubleValue()));
      c.addSeries(p, names, values);
    }
    BitmapEncoder.saveBitmap(c, dir.resolve("latency.png").toString(), BitmapFormat.PNG);
  }
}
