package io.spillover.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Holds local permits: calls that block until released, run on their own threads. */
public final class Blocker implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newCachedThreadPool();

  /** A local function that blocks until {@link #release()} and then echoes. */
  public <T> Function<T, T> blockingEcho(CountDownLatch started) {
    return x -> {
      started.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return x;
    };
  }

  public <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
    return pool.submit(task);
  }

  public void release() {
    release.countDown();
  }

  @Override
  public void close() {
    release.countDown();
    pool.shutdownNow();
  }
}
