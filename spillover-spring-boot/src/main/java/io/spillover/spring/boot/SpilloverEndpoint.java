package io.spillover.spring.boot;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/spillover}: every spillway's live state (limit, in-flight calls by route,
 * spill rate, breaker state, spend, scale advice, spill mode, call counts);
 * {@code /actuator/spillover/{name}} for one.
 */
@Endpoint(id = "spillover")
public class SpilloverEndpoint {
  private final SpilloverRegistry registry;

  public SpilloverEndpoint(SpilloverRegistry registry) {
    this.registry = registry;
  }

  @ReadOperation
  public SpilloverReport spillways() {
    Map<String, SpillwayReport> all = new TreeMap<>();
    registry.all().forEach(s -> all.put(s.name(), report(s)));
    return new SpilloverReport(all);
  }

  /** One spillway, or 404 when there is none of that name. */
  @ReadOperation
  public SpillwayReport spillway(@Selector String name) {
    return registry.find(name).map(SpilloverEndpoint::report).orElse(null);
  }

  private static SpillwayReport report(Spillway<?, ?> s) {
    SpillwayMetrics m = s.metrics();
    Map<String, Map<String, Long>> calls = new TreeMap<>();
    for (Route route : new Route[] {Route.LOCAL, Route.FUNCTION}) {
      Map<String, Long> byOutcome = new TreeMap<>();
      byOutcome.put(Outcome.SUCCESS.tag(), m.calls(route, Outcome.SUCCESS));
      byOutcome.put(Outcome.ERROR.tag(), m.calls(route, Outcome.ERROR));
      calls.put(route.tag(), byOutcome);
    }
    Map<String, Long> rejected = new TreeMap<>();
    for (Reason reason : Reason.values()) {
      long n = m.rejections(reason);
      if (n > 0) {
        rejected.put(reason.name().toLowerCase(Locale.ROOT), n);
      }
    }
    return new SpillwayReport(s.config().function() == null ? null
        : s.config().function().toString(), m.limit(),
        Map.of(Route.LOCAL.tag(), m.inflightLocal(), Route.FUNCTION.tag(), m.inflightSpills()),
        m.waiting(), m.spilling(), m.spillRatePerSecond(), m.breakerState(), m.spendUsd(),
        m.spendLastHourUsd(), m.advisedReplicas(), calls, rejected, m.fallbacks(), m.coldStarts());
  }

  /** All spillways by name. */
  public record SpilloverReport(Map<String, SpillwayReport> spillways) {}

  /**
   * One spillway's state.
   *
   * @param function the function twin ("provider:target"), or null when it never spills
   * @param inflight calls in flight by route ("local", "function")
   * @param calls finished calls by route, then by outcome ("success", "error")
   * @param rejected rejected calls by reason (only reasons that occurred)
   * @param advisedReplicas extra VM replicas that would carry the sustained spill
   */
  public record SpillwayReport(String function, int limit, Map<String, Integer> inflight,
      int waiting, boolean spilling, double spillRatePerSecond, String breakerState,
      double spendUsd, double spendLastHourUsd, int advisedReplicas,
      Map<String, Map<String, Long>> calls, Map<String, Long> rejected, long fallbacks,
      long coldStarts) {}
}
