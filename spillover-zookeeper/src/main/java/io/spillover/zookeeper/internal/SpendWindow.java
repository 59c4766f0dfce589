package io.spillover.zookeeper.internal;

import java.util.Map;

/**
 * The minutes that make "the last hour" at a given time: the current minute and the 59 before
 * it, plus a little of the future, so that a member whose clock runs ahead is still counted.
 */
final class SpendWindow {
  static final long MINUTE_MILLIS = 60_000;
  static final int MINUTES = 60;
  /** Clock skew between VMs tolerated, in minutes ahead of the reader. */
  static final int SKEW_MINUTES = 2;

  private SpendWindow() {}

  static long minute(long epochMillis) {
    return Math.floorDiv(epochMillis, MINUTE_MILLIS);
  }

  static boolean inLastHour(long minute, long nowMinute) {
    return minute > nowMinute - MINUTES && minute <= nowMinute + SKEW_MINUTES;
  }

  /** Whether nothing of {@code minutes} can count in any last hour from {@code nowMinute} on. */
  static boolean expired(Map<Long, Double> minutes, long nowMinute) {
    return minutes.keySet().stream().allMatch(m -> m <= nowMinute - MINUTES - SKEW_MINUTES);
  }

  static double sum(Map<Long, Double> minutes, long nowMinute) {
    double usd = 0;
    for (Map.Entry<Long, Double> e : minutes.entrySet()) {
      if (inLastHour(e.getKey(), nowMinute)) {
        usd += e.getValue();
      }
    }
    return usd;
  }
}
