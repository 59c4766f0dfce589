package io.spillover.local.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One admitted request on its way through an instance; completes exactly once. */
final class Invocation {
  final String requestId;
  final byte[] payload;
  final long timeoutMillis;
  private final CompletableFuture<Outcome> result = new CompletableFuture<>();
  private volatile long startNanos;
  private volatile boolean started;
  private volatile ScheduledFuture<?> timer;

  Invocation(String requestId, byte[] payload, long timeoutMillis) {
    this.requestId = requestId;
    this.payload = payload;
    this.timeoutMillis = timeoutMillis;
  }

  /** Marks the moment the worker got the request: duration and the time limit start here. */
  void started(long nanos, ScheduledFuture<?> timer) {
    this.startNanos = nanos;
    this.timer = timer;
    this.started = true;
  }

  boolean isStarted() {
    return started;
  }

  long startNanos() {
    return startNanos;
  }

  boolean complete(Outcome outcome) {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    return result.complete(outcome);
  }

  boolean isDone() {
    return result.isDone();
  }

  CompletableFuture<Outcome> result() {
    return result;
  }
}
