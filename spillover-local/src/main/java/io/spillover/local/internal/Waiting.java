package io.spillover.local.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for an outcome on a front-end thread. */
final class Waiting {
  private Waiting() {}

  /** The outcome; the pool's own time limits end every invocation, so this returns. */
  static Outcome await(CompletableFuture<Outcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the function", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the invocation failed inside the platform", e.getCause());
    }
  }

  /** The outcome if it arrives within {@code millis}, else null (the invocation goes on). */
  static Outcome await(CompletableFuture<Outcome> future, long millis) {
    try {
      return future.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the function", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the invocation failed inside the platform", e.getCause());
    }
  }
}
