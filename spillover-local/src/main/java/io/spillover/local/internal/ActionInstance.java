package io.spillover.local.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An OpenWhisk action container: a worker JVM serving {@code /init} (once) and {@code /run}, up to
 * the action's concurrency at a time.
 */
final class ActionInstance extends Instance {
  static final String CRASHED =
      "The action did not produce a valid response and exited unexpectedly.";
  private static final MediaType JSON = MediaType.get("application/json");
  private final CompletableFuture<Integer> ready = new CompletableFuture<>();
  private final Set<Invocation> running = ConcurrentHashMap.newKeySet();
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  // the container serves only the platform: any other local process gets 403
  private final String secret = Secrets.create();

  ActionInstance(String id, FunctionState function, PlatformResources res, InstancePool pool) {
    super(id, function, res, pool);
  }

  @Override
  void start() {
    res.tasks.execute(() -> {
      try {
        Path portFile = dir.resolve("port");
        launchNanos = res.nanoTime();
        Process p = res.launcher.launchAction(spec, portFile, secret, dir, log);
        if (!attach(p)) {
          return;
        }
        long deadline = launchNanos + res.config.initTimeout().toNanos();
        int port = awaitPort(portFile, p, deadline);
        init(port, deadline);
        initMillis = millisSince(launchNanos);
        pool.ready(this);
        ready.complete(port);
      } catch (InitFailed e) {
        retire(Outcome.failure(Outcome.Status.INIT_ERROR, e.body, "developer error",
            e.getMessage()), false);
      } catch (IOException | RuntimeException e) {
        retire(Outcome.failure(Outcome.Status.INIT_ERROR, null, "whisk error",
            "cannot start the action container: " + e), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private int awaitPort(Path portFile, Process p, long deadline)
      throws IOException, InterruptedException, InitFailed {
    while (true) {
      if (Files.exists(portFile)) {
        return Integer.parseInt(Files.readString(portFile).trim());
      }
      if (!p.isAlive()) {
        throw new InitFailed("the action container exited during start ("
            + describeExit(p.exitValue()) + "); see " + log, null);
      }
      if (res.nanoTime() - deadline > 0) {
        throw new InitFailed("the action container did not start within "
            + res.config.initTimeout().toMillis() + " ms", null);
      }
      Thread.sleep(5); // the worker writes the file once it listens
    }
  }

  private void init(int port, long deadline) throws IOException, InitFailed {
    String body = "{\"value\":{\"name\":" + Exchange.quote(spec.name()) + ",\"main\":"
        + Exchange.quote(spec.handler()) + ",\"code\":\"\",\"binary\":false}}";
    Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/init")
        .header("Authorization", "Bearer " + secret).post(RequestBody.create(body, JSON)).build();
    Call call = res.http.newCall(request);
    call.timeout().timeout(Math.max(1, deadline - res.nanoTime()), TimeUnit.NANOSECONDS);
    try (Response r = call.execute()) {
      byte[] reply = bytes(r.body());
      if (r.code() != 200) {
        throw new InitFailed("the action failed to initialize", reply);
      }
    }
  }

  @Override
  void submit(Invocation inv) {
    running.add(inv);
    if (retired()) {
      inv.complete(Outcome.failure(Outcome.Status.CRASH, null, "developer error", CRASHED));
      return;
    }
    ready.thenAccept(port -> run(inv, port));
  }

  private void run(Invocation inv, int port) {
    if (inv.isDone()) {
      return;
    }
    String body = "{\"value\":" + new String(inv.payload, StandardCharsets.UTF_8)
        + ",\"namespace\":\"guest\",\"action_name\":" + Exchange.quote("/guest/" + spec.name())
        + ",\"activation_id\":" + Exchange.quote(inv.requestId) + ",\"deadline\":\""
        + (System.currentTimeMillis() + inv.timeoutMillis) + "\"}";
    Call call = res.http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/run")
        .header("Authorization", "Bearer " + secret).post(RequestBody.create(body, JSON))
        .build());
    calls.add(call);
    inv.started(res.nanoTime(), res.timers.schedule(() -> timedOut(inv), inv.timeoutMillis,
        TimeUnit.MILLISECONDS));
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        calls.remove(c);
        try (response) {
          byte[] reply = bytes(response.body());
          inv.complete(response.code() == 200 ? Outcome.ok(reply) : Outcome.failure(
              Outcome.Status.FUNCTION_ERROR, reply, "developer error", "the action failed"));
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
          // the container broke the connection: it is gone or unusable either way
          retire(Outcome.failure(Outcome.Status.CRASH, null, "developer error", CRASHED), false);
          inv.complete(Outcome.failure(Outcome.Status.CRASH, null, "developer error", CRASHED));
        }
      }
    });
  }

  private void timedOut(Invocation inv) {
    Outcome timeout = Outcome.failure(Outcome.Status.TIMEOUT, null, "developer error",
        "The action exceeded its time limits of " + inv.timeoutMillis + " milliseconds.");
    // ended as timed out before the kill, whose connection reset would otherwise read as a crash
    if (inv.complete(timeout)) {
      running.remove(inv);
      retire(timeout, false);
    }
  }

  @Override
  void onProcessExit(int exitCode) {
    retire(Outcome.failure(Outcome.Status.CRASH, null, "developer error", CRASHED), false);
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

  private static byte[] bytes(ResponseBody body) throws IOException {
    return body == null ? new byte[0] : body.bytes();
  }

  /** The container did not come up; {@code body} is what {@code /init} answered, if anything. */
  private static final class InitFailed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient byte[] body;

    InitFailed(String message, byte[] body) {
      super(message);
      this.body = body;
    }
  }
}
