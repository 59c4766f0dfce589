package io.spillover.local.internal;

import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
import io.spillover.local.FunctionStats;
import io.spillover.local.PlatformStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Admission and placement: caps concurrency per function and in total (a request over a cap is
 * throttled, never queued), puts each admitted request on an instance with room or starts one
 * (a cold start), reaps instances idle past the idle timeout, and bills every invocation.
 * One lock guards it all; nothing slow runs under it.
 */
public final class InstancePool implements AutoCloseable {
  private final Object lock = new Object();
  private final PlatformResources res;
  private final Map<String, FunctionState> functions = new LinkedHashMap<>();
  private int totalInFlight;
  private int totalInstances;
  private boolean closed;

  public InstancePool(PlatformConfig config) {
    this.res = new PlatformResources(config);
    for (FunctionSpec spec : config.functions()) {
      if (functions.put(spec.name(), new FunctionState(spec,
          Math.min(config.perFunctionConcurrency(), config.maxConcurrency()))) != null) {
        throw new IllegalArgumentException("function '" + spec.name() + "' is defined twice");
      }
    }
    long period = Math.max(20, config.idleTimeout().toMillis() / 4);
    res.timers.scheduleAtFixedRate(this::reapIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /** The function named {@code name} of {@code kind}, or null. */
  public FunctionSpec function(String name, FunctionKind kind) {
    FunctionState f = functions.get(name);
    return f == null || (kind != null && f.spec.kind() != kind) ? null : f.spec;
  }

  public PlatformConfig config() {
    return res.config;
  }

  RuntimeApi runtimeApi() {
    return res.runtimeApi;
  }

  /**
   * Admits one request to {@code name} and runs it under {@code requestId}; the future completes with its outcome (never
   * exceptionally).
   *
   * @throws ThrottledException when a concurrency cap is reached
   */
  public CompletableFuture<Outcome> invoke(String name, String requestId, byte[] payload)
      throws ThrottledException {
    FunctionState fn = functions.get(name);
    if (fn == null) {
      throw new IllegalArgumentException("no function '" + name + "'");
    }
    Invocation inv = new Invocation(requestId, payload, res.config.timeoutMillis(fn.spec));
    Instance instance;
    Instance evicted = null;
    boolean cold = false;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the local platform is closed");
      }
      if (fn.inFlight >= fn.cap) {
        fn.throttles++;
        throw new ThrottledException(ThrottledException.Scope.FUNCTION, fn.inFlight, fn.cap);
      }
      if (totalInFlight >= res.config.maxConcurrency()) {
        fn.throttles++;
        throw new ThrottledException(ThrottledException.Scope.TOTAL, totalInFlight,
            res.config.maxConcurrency());
      }
      instance = fn.instanceWithRoom();
      if (instance == null) {
        if (totalInstances >= res.config.maxConcurrency()) {
          evicted = oldestIdleLocked();
        }
        instance = fn.isLambda() ? new LambdaInstance(fn.nextInstanceId(), fn, res, this)
            : fn.spec.kind() == FunctionKind.APP
            ? new AppInstance(fn.nextInstanceId(), fn, res, this)
            : new ActionInstance(fn.nextInstanceId(), fn, res, this);
        fn.instances.add(instance);
        totalInstances++;
        fn.coldStarts++;
        cold = true;
      }
      instance.inFlight++;
      fn.inFlight++;
      totalInFlight++;
      fn.invocations++;
    }
    if (evicted != null) {
      evicted.retire(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.Evicted",
          "instance evicted to make room"), false);
    }
    if (cold) {
      instance.start();
    }
    Instance placed = instance;
    boolean wasCold = cold;
    instance.submit(inv);
    return inv.result().thenApply(o -> release(fn, placed, wasCold, inv, o));
  }

  private Outcome release(FunctionState fn, Instance instance, boolean cold, Invocation inv,
      Outcome o) {
    long duration = inv.isStarted() ? instance.millisSince(inv.startNanos()) : 0;
    long billed = Math.max(1, duration) + (cold && fn.spec.kind() != FunctionKind.OPENWHISK ? instance.initMillis : 0);
    synchronized (lock) {
      instance.inFlight--;
      instance.lastUsedNanos = res.nanoTime();
      fn.inFlight--;
      totalInFlight--;
      if (o.status() != Outcome.Status.OK) {
        fn.errors++;
      }
      fn.bill(billed);
    }
    return o.billed(cold, duration, billed);
  }

  /** The instance finished initializing and takes requests. */
  void ready(Instance instance) {
    synchronized (lock) {
      if (instance.state == Instance.State.STARTING) {
        instance.state = Instance.State.READY;
        instance.lastUsedNanos = res.nanoTime();
      }
    }
  }

  /** Drops an ended instance from its function; its in-flight requests are released as usual. */
  void forget(Instance instance) {
    synchronized (lock) {
      if (instance.state != Instance.State.DEAD) {
        instance.state = Instance.State.DEAD;
        instance.function.instances.remove(instance);
        totalInstances--;
      }
    }
  }

  private Instance oldestIdleLocked() {
    Instance oldest = null;
    for (FunctionState f : functions.values()) {
      for (Instance i : f.instances) {
        if (i.state == Instance.State.READY && i.inFlight == 0
            && (oldest == null || i.lastUsedNanos - oldest.lastUsedNanos < 0)) {
          oldest = i;
        }
      }
    }
    return oldest;
  }

  private void reapIdle() {
    long now = res.nanoTime();
    long idle = res.config.idleTimeout().toNanos();
    List<Instance> expired = new ArrayList<>();
    synchronized (lock) {
      for (FunctionState f : functions.values()) {
        for (Instance i : f.instances) {
          if (i.state == Instance.State.READY && i.inFlight == 0 && now - i.lastUsedNanos >= idle) {
            expired.add(i);
          }
        }
      }
    }
    for (Instance i : expired) {
      i.retire(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.Reaped", "idle instance"),
          false);
    }
  }

  public PlatformStats stats() {
    List<FunctionStats> list = new ArrayList<>();
    synchronized (lock) {
      functions.values().forEach(f -> list.add(f.snapshot()));
    }
    return new PlatformStats(res.lambdaRuntime.running(), list, res.runtimeApi.refusals());
  }

  /** Ends every instance and waits until their processes are gone. */
  @Override
  public void close() {
    List<Instance> all = new ArrayList<>();
    synchronized (lock) {
      closed = true;
      functions.values().forEach(f -> all.addAll(f.instances));
    }
    all.parallelStream().forEach(i -> i.retire(Outcome.failure(Outcome.Status.CRASH, null,
        "Runtime.ExitError", "the local platform shut down"), true));
    res.close();
  }
}

