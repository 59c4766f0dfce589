package io.spillover.sim.internal;

import io.spillover.CallOptions;
import io.spillover.Pricing;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayMetrics;
import io.spillover.TargetCheckMode;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.sim.internal.ServiceGraph.Service;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A simulated VM side: a real {@link SpilloverRegistry} on the event loop's clock and scheduler,
 * one real spillway per logic service whose limit is that service's {@link VmPool}. A local call
 * holds a worker for its own time and then for its nested calls, each through its own spillway;
 * a spilled call runs on the simulated platform.
 */
public final class VmSide implements AutoCloseable {
  static final FunctionRef TWIN = FunctionRef.of("lambda", "social-twin");
  private final EventLoop loop;
  private final ServiceGraph graph;
  private final SplittableRandom random;
  private final SpilloverRegistry registry;
  private final VmPool[] pools;
  private final Spillway<SimCall, SimCall>[] spillways;

  @SuppressWarnings("unchecked")
  public VmSide(EventLoop loop, ServiceGraph graph, RunSpec spec, int workers,
      FunctionProvider platform, long seed) {
    this.loop = loop;
    this.graph = graph;
    this.random = new SplittableRandom(seed);
    SpilloverRegistry.Builder b = SpilloverRegistry.builder().clock(loop).scheduler(loop)
        .asyncExecutor(Runnable::run).tickInterval(Duration.ZERO)
        .targetCheck(TargetCheckMode.OFF, Duration.ofSeconds(1));
    if (platform != null) {
      b.provider(platform).functionConcurrency(TWIN, spec.spillBudget());
    }
    this.registry = b.build();
    this.pools = new VmPool[graph.size()];
    this.spillways = new Spillway[graph.size()];
    double c = spec.compression();
    for (Service s : graph.services().values()) {
      VmPool pool = new VmPool(workers);
      SpillwayConfig.Builder config = SpillwayConfig.custom().limit(pool)
          .latencySlo(Duration.ofMillis((long) spec.sloMs())).timeout(Duration.ofSeconds(10))
          .maxWait(Duration.ofSeconds(2)).maxWaiting(spec.maxWaiting())
          // the advice on the trace's clock: a one-minute window, held for two minutes
          .adviceWindow(Duration.ofMillis(Math.round(60_000 / c)))
          .adviceCoolDown(Duration.ofMillis(Math.round(120_000 / c)));
      if (platform != null) {
        // a spillway may use the whole spill budget (the default per-spillway cap of 100 would
        // bind before the budget at scale)
        config.function(TWIN).retry(3, Duration.ofMillis(20))
            .maxConcurrentSpills(Math.max(1, spec.spillBudget()))
            .pricing(Pricing.awsLambda(spec.platform().memoryMb()));
      }
      pools[s.index()] = pool;
      spillways[s.index()] = registry.spillway(s.name(), config.build(), SimCall.class,
          SimCall.class);
    }
  }

  /** Calls {@code s} through its spillway. */
  public CompletionStage<SimCall> call(Service s) {
    Service sw = graph.spillwayOf(s);
    return spillways[sw.index()].callAsync(new SimCall(s.subtreeMicros()),
        CallOptions.defaults(), q -> runLocal(s, pools[sw.index()]));
  }

  private CompletionStage<SimCall> runLocal(Service s, VmPool pool) {
    CompletableFuture<SimCall> done = new CompletableFuture<>();
    pool.run(() -> loop.after(graph.sample(s.ownMicros(), random),
        () -> nested(s, 0, pool, done)), loop.nanoTime());
    return done;
  }

  private void nested(Service s, int i, VmPool pool, CompletableFuture<SimCall> done) {
    if (i == s.calls().size()) {
      pool.release(loop.nanoTime());
      done.complete(new SimCall(s.subtreeMicros()));
      return;
    }
    call(s.calls().get(i)).whenComplete((r, e) -> {
      if (e != null) {
        pool.release(loop.nanoTime());
        done.completeExceptionally(e);
      } else {
        nested(s, i + 1, pool, done);
      }
    });
  }

  /** Every pool to {@code workers} (VMs added or removed). */
  public void resize(int workers) {
    for (VmPool p : pools) {
      p.resize(workers, loop.nanoTime());
    }
  }

  public void tick() {
    registry.tick();
  }

  /** The busiest service's share of busy workers now, in [0, 1]. */
  public double busiest() {
    double max = 0;
    for (Spillway<SimCall, SimCall> s : spillways) {
      SpillwayMetrics m = s.metrics();
      max = Math.max(max, Math.min(1.0, m.inflightLocal() / (double) Math.max(1, m.limit())));
    }
    return max;
  }

  /** Spillover's scale advice: the most extra replicas any spillway asks for. */
  public double extraReplicas() {
    double max = 0;
    for (Spillway<SimCall, SimCall> s : spillways) {
      max = Math.max(max, s.metrics().extraReplicas());
    }
    return max;
  }

  Spillway<SimCall, SimCall>[] spillways() {
    return spillways;
  }

  @Override
  public void close() {
    registry.close();
  }
}
