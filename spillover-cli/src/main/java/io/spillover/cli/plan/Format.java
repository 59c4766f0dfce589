package io.spillover.cli.plan;

import java.math.BigDecimal;
import java.time.Duration;

/** Short labels shared by the report, the JSON and the chart. */
final class Format {
  private Format() {}

  /** 1.0 -> "1x", 1.5 -> "1.5x". */
  static String factor(double f) {
    return plain(f) + "x";
  }

  /** A duration in milliseconds without trailing zeros: 10 ms -> "10", 2.5 ms -> "2.5". */
  static String millis(Duration d) {
    return plain(d.toNanos() / 1e6);
  }

  static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
