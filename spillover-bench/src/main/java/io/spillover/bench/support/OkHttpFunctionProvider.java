package io.spillover.bench.support;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A minimal HTTP function provider for the spill-path benchmark: the target of a
 * {@link FunctionRef} is a URL, each invocation is one asynchronous OkHttp POST of the envelope.
 * It exists only until the core's HTTP provider is merged; the benchmark then switches to that one.
 *
 * <p>{@link #onCallerThread} is an experiment, not a valid provider: it runs the exchange on the
 * thread that calls {@code invoke} (breaking the invoker's never-block contract) to measure what a
 * blocking {@code Spillway.call} loses by handing each spill to OkHttp's dispatcher threads.
 */
public final class OkHttpFunctionProvider implements FunctionProvider {
  static final MediaType JSON = MediaType.get("application/json");

  private final String name;
  private final OkHttpClient client;
  private final boolean callerThread;

  private OkHttpFunctionProvider(String name, OkHttpClient client, boolean callerThread) {
    this.name = Objects.requireNonNull(name, "name");
    this.client = Objects.requireNonNull(client, "client");
    this.callerThread = callerThread;
  }

  /** Asynchronous invocations, completed on OkHttp's dispatcher threads. */
  public static OkHttpFunctionProvider create(String name, OkHttpClient client) {
    return new OkHttpFunctionProvider(name, client, false);
  }

  /** The experiment: each invocation runs to its end on the calling thread. */
  public static OkHttpFunctionProvider onCallerThread(String name, OkHttpClient client) {
    return new OkHttpFunctionProvider(name, client, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    if (!ref.provider().equals(name)) {
      throw new IllegalArgumentException(ref + " is not for provider " + name);
    }
    String url = ref.target();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("target must be an http(s) URL, was " + url);
    }
    return new FunctionInvoker() {
      @Override
      public CompletableFuture<byte[]> invoke(Invocation invocation) {
        long timeout = invocation.deadlineEpochMillis() - System.currentTimeMillis();
        if (timeout <= 0) {
          return CompletableFuture.failedFuture(
              new FunctionTimeoutException("deadline passed before sending"));
        }
        Request request = new Request.Builder().url(url)
            .post(RequestBody.create(invocation.payload(), JSON)).build();
        Call call = client.newCall(request);
        call.timeout().timeout(timeout, TimeUnit.MILLISECONDS);
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        if (callerThread) {
          try {
            complete(reply, call.execute());
          } catch (IOException e) {
            reply.completeExceptionally(failure(e));
          }
          return reply;
        }
        call.enqueue(new Callback() {
          @Override
          public void onResponse(Call c, Response response) {
            complete(reply, response);
          }

          @Override
          public void onFailure(Call c, IOException e) {
            reply.completeExceptionally(failure(e));
          }
        });
        return reply;
      }

      @Override
      public int maxRequestBytes() {
        return 6 * 1024 * 1024;
      }
    };
  }

  private static void complete(CompletableFuture<byte[]> reply, Response response) {
    try (ResponseBody body = response.body()) {
      if (response.code() == 429) {
        reply.completeExceptionally(new FunctionThrottledException("HTTP 429"));
      } else if (!response.isSuccessful()) {
        reply.completeExceptionally(new FunctionTransportException(
            "HTTP " + response.code() + " from " + response.request().url(),
            response.code() >= 500, null));
      } else {
        reply.complete(body.bytes());
      }
    } catch (IOException e) {
      reply.completeExceptionally(failure(e));
    }
  }

  private static RuntimeException failure(IOException e) {
    if (e instanceof InterruptedIOException) {
      return new FunctionTimeoutException("no reply before the deadline: " + e.getMessage());
    }
    return new FunctionTransportException(e.toString(), true, e);
  }
}
