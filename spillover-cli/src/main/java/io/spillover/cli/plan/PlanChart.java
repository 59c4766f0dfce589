package io.spillover.cli.plan;

import io.spillover.plan.CostPoint;
import io.spillover.plan.Plan;
import io.spillover.plan.Provisioning;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code plan.png}: cost vs beta per factor with the optima, above the load with its levels. */
final class PlanChart {
  private static final Color[] FACTOR_COLORS = {new Color(0x1f77b4), new Color(0xff7f0e),
      new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
  private static final Color VM_ONLY = new Color(0x555555);
  /** cX lines: black to light grey, dotted, so they read apart from the coloured optima. */
  private static final Color[] LEVEL_SHADES = {Color.BLACK, new Color(0x4d4d4d),
      new Color(0x808080), new Color(0xa6a6a6), new Color(0xc8c8c8)};
  private static final BasicStroke THIN = new BasicStroke(0.8f);

  private PlanChart() {}

  static void write(Plan plan, String traceName, Path png) throws IOException {
    // no display on servers and in CI; must be set before AWT initialises
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.saveBitmap(List.of(costChart(plan, traceName), loadChart(plan, traceName)), 2, 1,
        png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart costChart(Plan plan, String traceName) {
    XYChart chart = new XYChartBuilder().width(1100).height(520)
        .title("Cost over the trace (" + traceName + ") vs VM capacity beta")
        .xAxisTitle("beta: requests/s served by VMs (whole VMs)").yAxisTitle("USD over the trace")
        .build();
    style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    List<CostPoint> any = plan.curve(plan.factors().get(0));
    // dots on long curves would hide the optimum diamonds
    boolean markers = any.size() <= 3;
    int i = 0;
    for (double f : plan.factors()) {
      Color color = FACTOR_COLORS[i++ % FACTOR_COLORS.length];
      List<CostPoint> curve = plan.curve(f);
      XYSeries s = chart.addSeries("VM+FaaS " + Format.factor(f),
          curve.stream().mapToDouble(CostPoint::betaRps).toArray(),
          curve.stream().mapToDouble(CostPoint::totalUsd).toArray());
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      CostPoint opt = plan.optimum(f);
      XYSeries o = chart.addSeries(String.format(Locale.ROOT, "optimum %s: %d VMs, %.4f USD",
          Format.factor(f), opt.vms(), opt.totalUsd()),
          new double[] {opt.betaRps()}, new double[] {opt.totalUsd()});
      o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      o.setMarker(SeriesMarkers.DIAMOND);
      o.setMarkerColor(color.darker());
    }
    XYSeries vmOnly = chart.addSeries("VM-only at beta (drops load above)",
        any.stream().mapToDouble(CostPoint::betaRps).toArray(),
        any.stream().mapToDouble(CostPoint::vmCostUsd).toArray());
    vmOnly.setLineColor(VM_ONLY);
    vmOnly.setLineStyle(SeriesLines.DASH_DASH);
    vmOnly.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  private static XYChart loadChart(Plan plan, String traceName) {
    XYChart chart = new XYChartBuilder().width(1100).height(520)
        .title("Load of " + traceName + " with the optimal beta per factor and the cX levels")
        .xAxisTitle("time (minutes)").yAxisTitle("requests/s").build();
    style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    long[] counts = plan.trace().perSecond();
    double[] minutes = new double[counts.length];
    double[] rate = new double[counts.length];
    for (int s = 0; s < counts.length; s++) {
      minutes[s] = s / 60.0;
      rate[s] = counts[s];
    }
    XYSeries load = chart.addSeries("load (per second)", minutes, rate);
    load.setLineColor(new Color(0x7f7f7f));
    load.setLineStyle(THIN);
    load.setMarker(SeriesMarkers.NONE);
    double end = minutes[minutes.length - 1];
    int i = 0;
    for (double f : plan.factors()) {
      Color color = FACTOR_COLORS[i++ % FACTOR_COLORS.length];
      CostPoint opt = plan.optimum(f);
      XYSeries s = level(chart, String.format(Locale.ROOT, "beta opt %s = %s req/s",
          Format.factor(f), Format.plain(Math.round(opt.betaRps() * 100) / 100.0)),
          opt.betaRps(), end);
      s.setLineColor(color);
      s.setLineStyle(new BasicStroke(2f));
    }
    int shade = 0;
    for (Provisioning p : plan.levels()) {
      XYSeries s = level(chart, p.label() + " = " + p.capacityRps() + " req/s",
          p.capacityRps(), end);
      s.setLineColor(LEVEL_SHADES[shade++ % LEVEL_SHADES.length]);
      s.setLineStyle(SeriesLines.DOT_DOT);
    }
    return chart;
  }

  private static XYSeries level(XYChart chart, String name, double y, double end) {
    XYSeries s = chart.addSeries(name, new double[] {0, end}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  private static void style(XYChart chart) {
    Styler st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setLegendBorderColor(Color.LIGHT_GRAY);
    st.setMarkerSize(7);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setYAxisMin(0.0);
  }
}
