package io.spillover.local.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Threads, the HTTP client to the workers, and the launcher, shared by all instances. */
final class PlatformResources implements AutoCloseable {
  final PlatformConfig config;
  final WorkerLauncher launcher;
  final LambdaRuntimeSelector lambdaRuntime;
  final RuntimeApi runtimeApi = new RuntimeApi();
  /** Blocking work: process starts and ends, calls to action containers. */
  final ExecutorService tasks = Executors.newCachedThreadPool(daemon("spillover-local"));
  /** Time limits and the idle reaper. */
  final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(daemon("spillover-local-timer"));
  final OkHttpClient http;

  PlatformResources(PlatformConfig config) {
    this.config = config;
    this.launcher = new WorkerLauncher(config);
    this.lambdaRuntime = new LambdaRuntimeSelector(config.lambdaRuntime());
    Dispatcher dispatcher = new Dispatcher(tasks);
    // every worker is on 127.0.0.1: the per-host cap must not be below the platform's
    dispatcher.setMaxRequests(4 * config.maxConcurrency() * maxActionConcurrency() + 64);
    dispatcher.setMaxRequestsPerHost(dispatcher.getMaxRequests());
    this.http = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(config.maxConcurrency() * 2, 1, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ofSeconds(30))
        .retryOnConnectionFailure(false)
        .build();
  }

  private int maxActionConcurrency() {
    return config.functions().stream().mapToInt(f -> f.concurrency()).max().orElse(1);
  }

  long nanoTime() {
    return System.nanoTime();
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    http.dispatcher().cancelAll();
    http.connectionPool().evictAll();
    timers.shutdownNow();
    tasks.shutdownNow();
  }
}
