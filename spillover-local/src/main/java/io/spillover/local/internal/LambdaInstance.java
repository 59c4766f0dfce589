package io.spillover.local.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Lambda execution environment: a worker JVM polling the Runtime API under this instance's
 * secret. The platform admits at most one request at a time here, so the queue holds at most one
 * invocation; a long poll waits as a future, holding no thread.
 */
final class LambdaInstance extends Instance {
  private final Object lock = new Object();
  private final ArrayDeque<Invocation> queue = new ArrayDeque<>(2); // lock
  private CompletableFuture<Invocation> poll; // lock: the worker's pending invocation/next
  private boolean ended; // lock
  private volatile RuntimeApi.Binding api;
  private volatile Invocation current;
  private volatile boolean initialized;
  private volatile boolean initErrorReported;
  private volatile boolean ric;
  private volatile ScheduledFuture<?> initTimer;

  LambdaInstance(String id, FunctionState function, PlatformResources res, InstancePool pool) {
    super(id, function, res, pool);
  }

  @Override
  void start() {
    res.tasks.execute(() -> {
      try {
        api = res.runtimeApi.bind(this);
        if (retired()) {
          api.close();
          return;
        }
        long initLimit = res.config.initTimeout().toMillis();
        initTimer = res.timers.schedule(() -> initTimedOut(initLimit), initLimit,
            TimeUnit.MILLISECONDS);
        launch(res.lambdaRuntime.useRic());
      } catch (IOException | RuntimeException e) {
        retire(Outcome.failure(Outcome.Status.INIT_ERROR, null, "Runtime.Unknown",
            "cannot start the worker: " + e), false);
      }
    });
  }

  private void launch(boolean withRic) throws IOException {
    ric = withRic;
    launchNanos = res.nanoTime();
    attach(res.launcher.launchLambda(spec, id, api.address(), withRic, dir, log));
  }

  long timeoutMillis() {
    return res.config.timeoutMillis(spec);
  }

  @Override
  void submit(Invocation invocation) {
    CompletableFuture<Invocation> waiting;
    synchronized (lock) {
      if (!ended && poll == null) {
        queue.add(invocation);
        return;
      }
      waiting = poll;
      poll = null;
    }
    if (waiting == null) { // ended
      invocation.complete(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError",
          "the execution environment ended"));
    } else {
      waiting.complete(begin(invocation));
    }
  }

  /**
   * The Runtime API's long poll: completes with the next invocation, or with null once this
   * instance ended. A newer poll replaces a pending one (which then gets null).
   */
  CompletableFuture<Invocation> next() {
    if (!initialized) {
      initialized = true;
      initMillis = millisSince(launchNanos);
      ScheduledFuture<?> t = initTimer;
      if (t != null) {
        t.cancel(false);
      }
      res.lambdaRuntime.initialized(ric);
      pool.ready(this);
    }
    Invocation inv;
    CompletableFuture<Invocation> replaced;
    CompletableFuture<Invocation> waiting;
    synchronized (lock) {
      do {
        inv = queue.poll();
      } while (inv != null && inv.isDone());
      if (inv == null && ended) {
        return CompletableFuture.completedFuture(null);
      }
      replaced = poll;
      waiting = inv == null ? new CompletableFuture<>() : null;
      poll = waiting;
    }
    if (replaced != null) {
      replaced.complete(null);
    }
    return waiting != null ? waiting : CompletableFuture.completedFuture(begin(inv));
  }

  /** Hands {@code inv} to the worker: its duration and time limit start now. */
  private Invocation begin(Invocation inv) {
    current = inv;
    if (retired()) { // retire() may have failed everything just before the worker took inv
      inv.complete(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError",
          "the execution environment ended"));
      return null;
    }
    inv.started(res.nanoTime(), res.timers.schedule(() -> timedOut(inv), inv.timeoutMillis,
        TimeUnit.MILLISECONDS));
    return inv;
  }

  boolean response(String requestId, byte[] body) {
    Invocation inv = take(requestId);
    return inv != null && inv.complete(Outcome.ok(body));
  }

  boolean error(String requestId, String errorType, byte[] body) {
    Invocation inv = take(requestId);
    return inv != null && inv.complete(Outcome.failure(Outcome.Status.FUNCTION_ERROR, body,
        errorType, "the function reported an error"));
  }

  private Invocation take(String requestId) {
    synchronized (lock) {
      Invocation inv = current;
      if (inv == null || !inv.requestId.equals(requestId)) {
        return null;
      }
      current = null;
      return inv;
    }
  }

  void initError(String errorType, byte[] body) {
    initErrorReported = true;
    retire(Outcome.failure(Outcome.Status.INIT_ERROR, body, errorType, "init error"), false);
  }

  private void timedOut(Invocation inv) {
    if (current == inv && !inv.isDone()) {
      retire(Outcome.failure(Outcome.Status.TIMEOUT, null, "Sandbox.Timedout", String.format(
          Locale.ROOT, "Task timed out after %.2f seconds", inv.timeoutMillis / 1000.0)), false);
    }
  }

  private void initTimedOut(long limitMillis) {
    if (!initialized) {
      retire(Outcome.failure(Outcome.Status.TIMEOUT, null, "Sandbox.Timedout", String.format(
          Locale.ROOT, "Init phase timed out after %.2f seconds", limitMillis / 1000.0)), false);
    }
  }

  @Override
  void onProcessExit(int exitCode) {
    if (retired()) {
      return;
    }
    if (!initialized && !initErrorReported && ric && nativeClientFailed()
        && res.lambdaRuntime.fallBack("its native library did not load; see " + log)) {
      try {
        launch(false);
        return;
      } catch (IOException | RuntimeException e) {
        retire(Outcome.failure(Outcome.Status.INIT_ERROR, null, "Runtime.Unknown",
            "cannot start the builtin worker: " + e), false);
        return;
      }
    }
    super.onProcessExit(exitCode);
  }

  private boolean nativeClientFailed() {
    try {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      return text.contains("UnsatisfiedLinkError")
          || text.contains("Failed to load the native runtime interface client library");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  void failAll(Outcome outcome) {
    Invocation[] queued;
    CompletableFuture<Invocation> waiting;
    synchronized (lock) {
      ended = true;
      queued = queue.toArray(new Invocation[0]);
      queue.clear();
      waiting = poll;
      poll = null;
    }
    for (Invocation inv : queued) {
      inv.complete(outcome);
    }
    Invocation inv = current;
    if (inv != null) {
      inv.complete(outcome);
    }
    if (waiting != null) {
      waiting.complete(null);
    }
  }

  @Override
  void closeResources() {
    ScheduledFuture<?> t = initTimer;
    if (t != null) {
      t.cancel(false);
    }
    RuntimeApi.Binding a = api;
    if (a != null) {
      a.close();
    }
  }
}
