package io.spillover.zookeeper.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member's spend as stored in its node: one {@code epochMinute=usd} line per minute. Text, so
 * an operator can read it with {@code zkCli get}; decoding skips what it cannot read, so one
 * damaged node cannot stop the fleet's synchronisation.
 */
final class SpendCodec {
  private SpendCodec() {}

  static byte[] encode(Map<Long, Double> minutes) {
    StringBuilder b = new StringBuilder();
    minutes.forEach((minute, usd) -> b.append(minute).append('=').append(usd).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Map<Long, Double> decode(byte[] data) {
    Map<Long, Double> minutes = new TreeMap<>();
    if (data == null) {
      return minutes;
    }
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      try {
        double usd = Double.parseDouble(line.substring(eq + 1));
        if (usd >= 0 && !Double.isInfinite(usd)) {
          minutes.merge(Long.parseLong(line.substring(0, eq)), usd, Double::sum);
        }
      } catch (NumberFormatException e) {
        // a damaged line counts as nothing
      }
    }
    return minutes;
  }
}
