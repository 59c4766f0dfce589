package io.spillover.internal.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.spillover.SpilloverClock;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayListener;
import io.spillover.codec.Codec;
import io.spillover.fleet.FleetPermits;
import io.spillover.fleet.FleetSpend;
import io.spillover.function.FunctionInvoker;
import io.spillover.seal.CallSealer;
import java.lang.reflect.Type;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the registry hands a new spillway: its config and the shared machinery. The response type
 * is a class or a generic type; the registry pairs it with {@code R}. The one list of the
 * spillway's collaborators: {@link DefaultSpillway} and {@link SpillPath} read theirs from here,
 * so a new collaborator is added here and read where it is used, not threaded through a second
 * constructor.
 */
public final class SpillwayParts<R> {
  final String name;
  final SpillwayConfig config;
  final SpilloverClock clock;
  final SpillwayListener listener;
  final boolean timeCalls;
  final Executor asyncExecutor;
  final FunctionInvoker invoker;
  final CircuitBreaker breaker;
  /** Shared by every spillway of the registry that spills to the same function; may be null. */
  final SpillBudget functionBudget;
  final ScheduledExecutorService scheduler;
  final Codec codec;
  final CallSealer sealer;
  final Type responseType;

  public SpillwayParts(String name, SpillwayConfig config, SpilloverClock clock,
      SpillwayListener listener, boolean timeCalls, Executor asyncExecutor,
      FunctionInvoker invoker, CircuitBreaker breaker, SpillBudget functionBudget,
      ScheduledExecutorService scheduler,
      Codec codec, CallSealer sealer, Type responseType) {
    this.name = name;
    this.config = config;
    this.clock = clock;
    this.listener = listener;
    this.timeCalls = timeCalls;
    this.asyncExecutor = asyncExecutor;
    this.invoker = invoker;
    this.breaker = breaker;
    this.functionBudget = functionBudget;
    this.scheduler = scheduler;
    this.codec = codec;
    this.sealer = sealer;
    this.responseType = responseType;
  }

  private FleetSpend fleetSpend;

  /** The fleet ledger a fleet-wide spend cap reports to and reads (with a cap in the config). */
  public SpillwayParts<R> fleet(FleetSpend spend) {
    this.fleetSpend = spend;
    return this;
  }

  /** The leased share of a fleet-wide in-flight cap, or null: memory only, no round trip. */
  FleetPermits fleetPermits;

  /** The leased share of a fleet-wide cap on in-flight spills (with a cap in the config). */
  public SpillwayParts<R> fleetPermits(FleetPermits permits) {
    this.fleetPermits = permits;
    return this;
  }

  FleetCap fleetCap() {
    return fleetSpend == null || config.fleetSpendCapPerHour() <= 0 ? null
        : new FleetCap(fleetSpend, config.fleetSpendCapPerHour(), clock);
  }

  public <Q> DefaultSpillway<Q, R> build() {
    return new DefaultSpillway<>(this);
  }

  /**
   * The spill path, from these parts and the spillway's own counters and cost meter; null for a
   * spillway without a function target.
   */
  SpillPath<R> spillPath(CallCounters counters, CostMeter cost) {
    return invoker == null ? null : new SpillPath<>(this, counters, cost);
  }
}
