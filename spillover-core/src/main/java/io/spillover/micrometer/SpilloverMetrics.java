package io.spillover.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayListener;
import io.spillover.SpillwayMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer binding for a {@link SpilloverRegistry}. Counters and gauges read the spillways'
 * own counters (nothing is counted twice); call durations are recorded from the listener.
 *
 * <pre>{@code
 * SpilloverMetrics metrics = SpilloverMetrics.of(meterRegistry);
 * SpilloverRegistry registry = SpilloverRegistry.builder().listener(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>Meters (all tagged {@code spillway}): {@code spillover.calls{route,outcome}},
 * {@code spillover.calls.rejected{reason}}, {@code spillover.call.duration{route}},
 * {@code spillover.limit}, {@code spillover.inflight{route}}, {@code spillover.spend} (USD),
 * {@code spillover.function.cold.starts}, {@code spillover.sealed.tampered},
 * {@code spillover.advice.replicas} and {@code spillover.advice.demand} (base unit
 * {@code replicas}: the scale advice autoscalers act on, see docs/autoscaling),
 * {@code spillover.spilling}, {@code spillover.spill.limit} (the spilled calls allowed in flight,
 * adaptive), {@code spillover.spills.throttled} and {@code spillover.fleet.stale} (1 while the
 * fleet store does not answer and the VM keeps to its static share). No histograms are published by default: turn them on with a
 * {@code MeterFilter} in the application.
 */
public final class SpilloverMetrics implements SpillwayListener {
  /** Gauge: extra replicas that would carry the sustained spill (held; see the guide). */
  public static final String ADVICE_REPLICAS = "spillover.advice.replicas";
  /** Gauge: the offered load, local and spilled, in replicas of this one (not held). */
  public static final String ADVICE_DEMAND = "spillover.advice.demand";
  /** The base unit of both advice gauges. */
  public static final String REPLICAS = "replicas";
  private final MeterRegistry meters;
  private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

  private SpilloverMetrics(MeterRegistry meters) {
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  public static SpilloverMetrics of(MeterRegistry meters) {
    return new SpilloverMetrics(meters);
  }

  /** Binds every spillway of {@code registry}, now and as they are created. */
  public SpilloverMetrics bindTo(SpilloverRegistry registry) {
    registry.all().forEach(this::bind);
    registry.onSpillwayAdded(this::bind);
    return this;
  }

  private void bind(Spillway<?, ?> spillway) {
    String name = spillway.name();
    SpillwayMetrics m = spillway.metrics();
    Tags tags = Tags.of("spillway", name);
    for (Route route : Route.values()) {
      for (Outcome outcome : Outcome.values()) {
        if (route == Route.NONE ^ outcome == Outcome.REJECTED) {
          continue;
        }
        FunctionCounter.builder("spillover.calls", m, x -> x.calls(route, outcome))
            .tags(tags.and("route", route.tag(), "outcome", outcome.tag()))
            .description("Calls by where they ran and how they ended").register(meters);
      }
    }
    for (Reason reason : Reason.values()) {
      FunctionCounter.builder("spillover.calls.rejected", m, x -> x.rejections(reason))
          .tags(tags.and("reason", reason.name().toLowerCase(Locale.ROOT)))
          .description("Rejected calls by reason").register(meters);
    }
    Gauge.builder("spillover.limit", m, SpillwayMetrics::limit).tags(tags)
        .description("Local concurrency limit").register(meters);
    Gauge.builder("spillover.inflight", m, SpillwayMetrics::inflightLocal)
        .tags(tags.and("route", Route.LOCAL.tag())).register(meters);
    Gauge.builder("spillover.inflight", m, SpillwayMetrics::inflightSpills)
        .tags(tags.and("route", Route.FUNCTION.tag())).register(meters);
    Gauge.builder("spillover.spill.limit", m, SpillwayMetrics::spillLimit).tags(tags)
        .description("Spilled calls allowed in flight (learnt from the platform's throttling)")
        .register(meters);
    FunctionCounter.builder("spillover.spills.throttled", m, SpillwayMetrics::throttledSpills)
        .tags(tags).description("Spill attempts the function platform refused for lack of"
            + " capacity; they lower the spill limit, never open the breaker").register(meters);
    Gauge.builder("spillover.fleet.stale", m, x -> x.fleetStoreStale() ? 1 : 0).tags(tags)
        .description("1 while the fleet store does not answer and this VM keeps to its static"
            + " share of the fleet's caps").register(meters);
    Gauge.builder("spillover.spilling", m, x -> x.spilling() ? 1 : 0).tags(tags)
        .description("1 while in spill mode").register(meters);
    FunctionCounter.builder("spillover.spend", m, SpillwayMetrics::spendUsd).tags(tags)
        .baseUnit("usd").description("Modelled function spend").register(meters);
    FunctionCounter.builder("spillover.function.cold.starts", m, SpillwayMetrics::coldStarts)
        .tags(tags).register(meters);
    FunctionCounter.builder("spillover.sealed.tampered", m, SpillwayMetrics::tamperedReplies)
        .tags(tags).description("Replies to sealed calls that were not authentic (forged,"
            + " altered, truncated, or a plain error): failed spills, possible tampering")
        .register(meters);
    Gauge.builder(ADVICE_REPLICAS, m, SpillwayMetrics::extraReplicas).tags(tags)
        .baseUnit(REPLICAS).description("Extra replicas of this one's size that would carry the"
            + " sustained spill (held for the advice cool-down)").register(meters);
    Gauge.builder(ADVICE_DEMAND, m, SpillwayMetrics::demandReplicas).tags(tags)
        .baseUnit(REPLICAS).description("Offered load, local and spilled, in replicas of this"
            + " one, over the advice window").register(meters);
    timers.computeIfAbsent(name, n -> new Timer[] {timer(n, Route.LOCAL),
        timer(n, Route.FUNCTION)});
  }

  private Timer timer(String spillway, Route route) {
    return Timer.builder("spillover.call.duration").tags("spillway", spillway, "route", route.tag())
        .description("Duration of calls that ran").register(meters);
  }

  @Override
  public void onCall(String spillway, Route route, Outcome outcome, long nanos) {
    if (nanos < 0 || route == Route.NONE) {
      return;
    }
    Timer[] t = timers.get(spillway);
    if (t != null) {
      t[route == Route.LOCAL ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
