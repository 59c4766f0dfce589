package io.spillover.local.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;

/**
 * An {@code app} instance: the application's own main class on a loopback port, ready once its
 * readiness path gives any HTTP reply. Each invocation's payload is an HTTP API 2.0 event; the
 * instance sends the request it stands for and answers the app's reply as the event reply.
 */
final class AppInstance extends Instance {
  static final String CRASHED = "the app instance ended while the request was in it";
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final Set<Invocation> running = ConcurrentHashMap.newKeySet();
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();

  AppInstance(String id, FunctionState function, PlatformResources res, InstancePool pool) {
    super(id, function, res, pool);
  }

  @Override
  void start() {
    res.tasks.execute(() -> {
      try {
        int port = freePort();
        launchNanos = res.nanoTime();
        Process p = res.launcher.launchApp(spec, port, dir, log);
        if (!attach(p)) {
          return;
        }
        String base = "http://127.0.0.1:" + port;
        awaitReady(base, p, launchNanos + res.config.initTimeout().toNanos());
        initMillis = millisSince(launchNanos);
        pool.ready(this);
        ready.complete(base);
      } catch (IOException | RuntimeException e) {
        retire(Outcome.failure(Outcome.Status.INIT_ERROR, null, "Runtime.InitError",
            "the app did not start: " + e.getMessage() + "; see " + log), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Any HTTP reply on the readiness path, whatever its status, means the app serves. */
  private void awaitReady(String base, Process p, long deadline)
      throws IOException, InterruptedException {
    Request probe = new Request.Builder().url(base + spec.readinessPath()).build();
    while (true) {
      if (!p.isAlive()) {
        throw new IOException("it exited during start (" + describeExit(p.exitValue()) + ")");
      }
      if (res.nanoTime() - deadline > 0) {
        throw new IOException("no reply on " + spec.readinessPath() + " within "
            + res.config.initTimeout().toMillis() + " ms");
      }
      Call call = res.http.newCall(probe);
      call.timeout().timeout(1, TimeUnit.SECONDS);
      try (Response r = call.execute()) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(20); // not listening yet
      }
    }
  }

  @Override
  void submit(Invocation inv) {
    running.add(inv);
    if (retired()) {
      inv.complete(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError", CRASHED));
      return;
    }
    ready.thenAccept(base -> run(inv, base));
  }

  private void run(Invocation inv, String base) {
    if (inv.isDone()) {
      return;
    }
    Request request;
    try {
      request = HttpEvents.request(ActivationRecord.JSON.readTree(inv.payload), base);
    } catch (JacksonException | IllegalArgumentException e) {
      running.remove(inv);
      inv.complete(Outcome.failure(Outcome.Status.FUNCTION_ERROR, null, "InvalidEvent",
          "not an HTTP API 2.0 event: " + e.getMessage()));
      return;
    }
    Call call = res.http.newCall(request.newBuilder()
        .header("X-Spillover-Id", inv.requestId).build());
    calls.add(call);
    inv.started(res.nanoTime(), res.timers.schedule(() -> timedOut(inv), inv.timeoutMillis,
        TimeUnit.MILLISECONDS));
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        calls.remove(c);
        try (response) {
          ResponseBody body = response.body();
          inv.complete(Outcome.ok(HttpEvents.reply(response,
              body == null ? new byte[0] : body.bytes())));
        } catch (IOException e) {
          onFailure(c, e);
        } finally {
          running.remove(inv);
        }
      }

      @Override
      public void onFailure(Call c, IOException e) {
        calls.remove(c);
        running.remove(inv);
        if (!inv.isDone()) {
          // the app broke the connection: it is gone or unusable either way
          retire(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError", CRASHED),
              false);
          inv.complete(Outcome.failure(Outcome.Status.CRASH, null, "Runtime.ExitError", CRASHED));
        }
      }
    });
  }

  private void timedOut(Invocation inv) {
    Outcome timeout = Outcome.failure(Outcome.Status.TIMEOUT, null, "Sandbox.Timedout",
        "Task timed out after " + inv.timeoutMillis + " ms");
    // the invocation ends as timed out before the instance is killed: the kill resets its
    // connection, and that reset, seen first on a busy machine, read as a crash (502, not 504)
    if (inv.complete(timeout)) {
      running.remove(inv);
      retire(timeout, false);
    }
  }

  @Override
  void failAll(Outcome outcome) {
    for (Invocation inv : running) {
      inv.complete(outcome);
    }
    running.clear();
  }

  @Override
  void closeResources() {
    calls.forEach(Call::cancel);
  }
}
