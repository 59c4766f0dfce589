package io.spillover.internal.engine;

import io.spillover.CallOptions;
import io.spillover.OverloadSignal;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverClock;
import io.spillover.SpilloverException;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayListener;
import io.spillover.SpillwayMetrics;
import io.spillover.limit.AdmissionLimiter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The spillway: the local fast path here, the overflow decisions in {@link Overflow}, the spill
 * itself in {@link SpillPath}. The fast path (a permit is free) does one CAS to acquire, one to
 * release, and reads the clock only when the limit samples latency or a listener times calls.
 */
public final class DefaultSpillway<Q, R> implements Spillway<Q, R> {
  private final String name;
  private final SpillwayConfig config;
  private final SpilloverClock clock;
  private final AdmissionLimiter limiter;
  private final SpillMode mode;
  private final CallCounters counters = new CallCounters();
  private final SpillwayListener listener;
  private final boolean timeCalls;
  private final SpillPath<R> spill;
  private final CostMeter cost;
  private final ScaleAdvisor advisor;
  private final Executor asyncExecutor;
  private final ScheduledExecutorService scheduler;
  private final Overflow<Q, R> overflow;
  private final ControlLoop controlLoop;
  private final LiveMetrics metricsView;

  DefaultSpillway(SpillwayParts<R> parts) {
    this.name = parts.name;
    this.config = parts.config;
    this.clock = parts.clock;
    this.listener = parts.listener;
    this.timeCalls = parts.timeCalls;
    this.limiter = new AdmissionLimiter(config.limit().create(config.latencySlo()), clock,
        config.latencySampling(), config.maxWaiting());
    this.mode = new SpillMode(config.spillHeadroom(), config.spillCoolDown().toNanos());
    this.cost = new CostMeter(config.pricing(), config.spendCapPerHour(), parts.fleetCap());
    this.spill = parts.spillPath(counters, cost);
    this.advisor = new ScaleAdvisor(config.adviceWindow().toNanos(),
        config.adviceCoolDown().toNanos());
    this.asyncExecutor = parts.asyncExecutor;
    this.scheduler = parts.scheduler;
    this.overflow = new Overflow<>(name, config, clock, limiter, mode, counters, listener,
        timeCalls, spill, scheduler);
    this.controlLoop = new ControlLoop(name, config.prewarm(), clock, limiter, mode, counters,
        advisor, spill, listener);
    this.metricsView = new LiveMetrics(clock, limiter, mode, counters, cost, advisor, spill);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SpillwayConfig config() {
    return config;
  }

  @Override
  public R call(Q request, CallOptions options, Function<? super Q, ? extends R> local) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(local, "local");
    long permit = options.alwaysLocal() ? limiter.acquireAlways() : tryLocal();
    if (permit != AdmissionLimiter.NO_PERMIT) {
      return runLocal(request, local, permit);
    }
    Decision<R> d = join(overflow.decide(request, options, deadlineNanos(options), true));
    return d.spilled ? d.result : runLocal(request, local, d.permit);
  }

  @Override
  public CompletionStage<R> callAsync(Q request, CallOptions options,
      Function<? super Q, ? extends CompletionStage<R>> local) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(local, "local");
    long permit = options.alwaysLocal() ? limiter.acquireAlways() : tryLocal();
    if (permit != AdmissionLimiter.NO_PERMIT) {
      return runLocalAsync(request, local, permit);
    }
    return overflow.decide(request, options, deadlineNanos(options), false).thenComposeAsync(d ->
        d.spilled ? CompletableFuture.completedFuture(d.result)
            : runLocalAsync(request, local, d.permit), asyncExecutor);
  }

  long tryLocal() {
    int limit = limiter.limit();
    if (!mode.spilling()) {
      return limiter.tryAcquire(limit);
    }
    long permit = limiter.tryAcquire(mode.threshold(limit));
    if (permit != AdmissionLimiter.NO_PERMIT
        && mode.observe(limiter.inflight() - 1, limit, clock.nanoTime())) {
      listener.onSpillMode(name, false);
    }
    return permit;
  }

  R runLocal(Q request, Function<? super Q, ? extends R> local, long permit) {
    long start = timeCalls ? clock.nanoTime() : -1;
    boolean ok = false;
    boolean dropped = false;
    try {
      R r = local.apply(request);
      ok = true;
      return r;
    } catch (RuntimeException e) {
      dropped = e instanceof OverloadSignal;
      throw e;
    } finally {
      limiter.release(permit, dropped);
      endLocal(ok, start);
    }
  }

  private CompletionStage<R> runLocalAsync(Q request,
      Function<? super Q, ? extends CompletionStage<R>> local, long permit) {
    long start = timeCalls ? clock.nanoTime() : -1;
    CompletionStage<R> stage;
    try {
      stage = Objects.requireNonNull(local.apply(request), "local returned a null stage");
    } catch (RuntimeException e) {
      limiter.release(permit, e instanceof OverloadSignal);
      endLocal(false, start);
      return CompletableFuture.failedFuture(e);
    }
    return stage.whenComplete((r, e) -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      limiter.release(permit, cause instanceof OverloadSignal);
      endLocal(e == null, start);
    });
  }

  private void endLocal(boolean ok, long start) {
    Outcome outcome = ok ? Outcome.SUCCESS : Outcome.ERROR;
    counters.call(Route.LOCAL, outcome);
    if (timeCalls) {
      listener.onCall(name, Route.LOCAL, outcome, clock.nanoTime() - start);
    }
  }

  private long deadlineNanos(CallOptions options) {
    return clock.nanoTime() + (options.timeout() != null ? options.timeout() : config.timeout())
        .toNanos();
  }

  /** Runs one round of the control loop: limit events, hysteresis, scale advice, pre-warming. */
  public void tick() {
    controlLoop.tick();
  }

  /**
   * One view for the spillway's life: Micrometer holds the objects behind gauges and function
   * counters weakly, so a fresh view per call would be collected and the meters would read NaN.
   */
  @Override
  public SpillwayMetrics metrics() {
    return metricsView;
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = SpillPath.unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new SpilloverException("spill failed", cause);
    }
  }

  static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
