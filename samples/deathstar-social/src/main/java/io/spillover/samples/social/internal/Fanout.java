package io.spillover.samples.social.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs the calls DeathStarBench issues in parallel on an injected executor; with the direct
 * executor they run one after another on the caller's thread. {@link #join} rethrows the call's own
 * exception, not a wrapper.
 */
public final class Fanout {
  private final Executor executor;

  public Fanout(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  public <T> CompletableFuture<T> start(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, executor);
  }

  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
