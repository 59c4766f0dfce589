package io.spillover.samples.social.spill;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU time each logic service spends per call, modelled as a pause: this machine has two
 * cores, so real CPU work could not show one service overloading while another idles. Costs
 * differ on purpose (text and the timelines are heavy, unique-id is nearly free), as they do in
 * DeathStarBench. The VM side and the function twins apply the same times.
 */
public final class ServiceTimes {
  /** Own service time per call in microseconds (nested calls come on top). */
  private static final Map<String, Long> MICROS = new LinkedHashMap<>();

  static {
    MICROS.put("compose-post", 20_000L);
    MICROS.put("text", 120_000L);
    MICROS.put("url-shorten", 4_000L);
    MICROS.put("user-mention", 4_000L);
    MICROS.put("unique-id", 2_000L);
    MICROS.put("media", 2_000L);
    MICROS.put("user", 4_000L);
    MICROS.put("social-graph", 6_000L);
    MICROS.put("post-storage", 10_000L);
    MICROS.put("user-timeline", 30_000L);
    MICROS.put("home-timeline", 50_000L);
  }

  private ServiceTimes() {}

  /** Every service's time in microseconds. */
  public static Map<String, Long> all() {
    return java.util.Collections.unmodifiableMap(MICROS);
  }

  /** The service time of {@code service} in microseconds (0 for a service not listed). */
  public static long micros(String service) {
    return MICROS.getOrDefault(service, 0L);
  }

  /** Spends {@code service}'s time on the calling thread. */
  public static void spend(String service) {
    long end = System.nanoTime() + micros(service) * 1000;
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
