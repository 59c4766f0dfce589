package io.spillover.local.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Lambda execution environment: a worker JVM polling this instance's own Runtime API. The
 * platform admits at most one request at a time here, so the queue holds at most one invocation
 * (plus the shutdown marker).
 */
final class LambdaInstance extends Instance {
  private static final Object SHUTDOWN = new Object();
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile RuntimeApiServer api;
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
        api = new RuntimeApiServer(this, res);
        if (retired()) {
          api.stop();
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
    attach(res.launcher.launchLambda(spec, id, api.port(), withRic, dir, log));
  }

  @Override
  void submit(Invocation invocation) {
    queue.add(invocation);
    if (retired()) {
      invocation.complete(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError",
          "the execution environment ended"));
    }
  }

  /** The Runtime API's long poll: the next invocation, or null once this instance ended. */
  Invocation next() throws InterruptedException {
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
    while (true) {
      Object o = queue.take();
      if (o == SHUTDOWN) {
        queue.add(SHUTDOWN);
        return null;
      }
      Invocation inv = (Invocation) o;
      if (inv.isDone()) {
        continue;
      }
      current = inv;
      if (retired()) { // retire() may have drained the queue just before this poll took inv
        inv.complete(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError",
            "the execution environment ended"));
        return null;
      }
      inv.started(res.nanoTime(), res.timers.schedule(() -> timedOut(inv), inv.timeoutMillis,
          TimeUnit.MILLISECONDS));
      return inv;
    }
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

  private synchronized Invocation take(String requestId) {
    Invocation inv = current;
    if (inv == null || !inv.requestId.equals(requestId)) {
      return null;
    }
    current = null;
    return inv;
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
    Object o;
    while ((o = queue.poll()) != null) {
      if (o instanceof Invocation) {
        ((Invocation) o).complete(outcome);
      }
    }
    Invocation inv = current;
    if (inv != null) {
      inv.complete(outcome);
    }
    queue.add(SHUTDOWN);
  }

  @Override
  void closeResources() {
    ScheduledFuture<?> t = initTimer;
    if (t != null) {
      t.cancel(false);
    }
    RuntimeApiServer a = api;
    if (a != null) {
      a.stop();
    }
  }
}
