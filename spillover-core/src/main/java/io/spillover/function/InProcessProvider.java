package io.spillover.function;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Function twins in the same JVM: each target is a {@link FunctionApp}, run on this provider's
 * own threads. For tests, demos and development; the envelope still goes through the codec and the
 * wire format, so what works here works against a real platform.
 */
public final class InProcessProvider extends AbstractFunctionProvider {
  private final Map<String, FunctionApp> apps = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private final LongSupplier epochMillis;

  private InProcessProvider(String name, LongSupplier epochMillis) {
    super(name);
    this.epochMillis = epochMillis;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "spillover-inprocess-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A provider registered as {@code "in-process"}. */
  public static InProcessProvider create() {
    return new InProcessProvider("in-process", System::currentTimeMillis);
  }

  /** A provider registered under {@code name}. */
  public static InProcessProvider named(String name) {
    return new InProcessProvider(name, System::currentTimeMillis);
  }

  /** Deploys {@code app} as {@code target}; returns this provider. */
  public InProcessProvider deploy(String target, FunctionApp app) {
    apps.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(app, "app"));
    return this;
  }

  @Override
  protected FunctionInvoker newInvoker(FunctionRef ref) {
    return new FunctionInvoker() {
      @Override
      public CompletableFuture<byte[]> invoke(Invocation invocation) {
        FunctionApp app = apps.get(ref.target());
        if (app == null) {
          return CompletableFuture.failedFuture(new FunctionTransportException(
              "no function deployed as '" + ref.target() + "'", false, null));
        }
        long timeout = invocation.deadlineEpochMillis() - epochMillis.getAsLong();
        if (timeout <= 0) {
          return CompletableFuture.failedFuture(
              new FunctionTimeoutException("deadline passed before sending"));
        }
        return CompletableFuture.supplyAsync(() -> app.dispatch(invocation.payload()), executor)
            .orTimeout(timeout, TimeUnit.MILLISECONDS)
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                e instanceof TimeoutException ? new FunctionTimeoutException(
                    "no reply from " + ref + " within " + timeout + " ms") : e));
      }

      /** Exact: the app deployed under the target, and the services it registered. */
      @Override
      public TargetCheck check(String service, Duration timeout) {
        FunctionApp app = apps.get(ref.target());
        if (app == null) {
          return TargetCheck.notDeployed("no FunctionApp deployed as '" + ref.target()
              + "' on provider " + InProcessProvider.this.name() + " (deployed: " + apps.keySet()
              + ")");
        }
        if (!app.services().contains(service)) {
          return TargetCheck.unknownService("the FunctionApp deployed as '" + ref.target()
              + "' has no handler for '" + service + "' (it serves " + app.services() + ")");
        }
        return TargetCheck.ok("deployed in this JVM, serves '" + service + "'");
      }

      @Override
      public int maxRequestBytes() {
        return 6 * 1024 * 1024;
      }
    };
  }

  @Override
  public String toString() {
    return "InProcessProvider[" + name() + ", deployed " + apps.keySet() + "]";
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
