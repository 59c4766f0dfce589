package io.spillover.http.spi;

import io.spillover.SpilloverClock;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * One asynchronous HTTP exchange bounded by an invocation's deadline. The returned futures fail
 * with {@link FunctionTimeoutException} or {@link FunctionTransportException} themselves (never
 * wrapped), and cancelling them cancels the HTTP call.
 */
public final class HttpExchange {
  /** The media type of every envelope sent. */
  public static final MediaType JSON = MediaType.get("application/json");
  /** A guard against a runaway reply; far above every platform's reply limit (Lambda: 6 MB). */
  static final long MAX_REPLY_BYTES = 64L * 1024 * 1024;

  private HttpExchange() {}

  /** Sends {@code request} and maps the reply with {@code mapper}. */
  public static CompletableFuture<byte[]> exchange(OkHttpClient client, Request request,
      long deadlineEpochMillis, SpilloverClock clock, String target, ReplyMapper mapper) {
    CompletableFuture<HttpReply> sent = send(client, request, deadlineEpochMillis, clock, target);
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    sent.whenComplete((reply, error) -> {
      if (error != null) {
        result.completeExceptionally(unwrap(error));
        return;
      }
      try {
        result.complete(map(mapper, reply, target));
      } catch (FunctionException e) {
        result.completeExceptionally(e);
      }
    });
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        sent.cancel(false);
      }
    });
    return result;
  }

  /**
   * The blocking form of {@link #exchange}: the exchange runs on the calling thread, bounded by
   * the deadline, and fails with the same typed exceptions.
   */
  public static byte[] exchangeBlocking(OkHttpClient client, Request request,
      long deadlineEpochMillis, SpilloverClock clock, String target, ReplyMapper mapper) {
    long remaining = deadlineEpochMillis - clock.epochMillis();
    if (remaining <= 0) {
      throw new FunctionTimeoutException("deadline passed before sending to " + target);
    }
    Call call = client.newCall(
        request.newBuilder().tag(Deadline.class, new Deadline(deadlineEpochMillis)).build());
    call.timeout().timeout(remaining, TimeUnit.MILLISECONDS);
    HttpReply reply;
    try (Response response = call.execute()) {
      reply = new HttpReply(response.code(), response.headers(), read(response.body()));
    } catch (IOException e) {
      throw classify(e, target, remaining);
    }
    return map(mapper, reply, target);
  }

  /** The mapped reply; a mapper that fails untyped means the reply could not be read. */
  private static byte[] map(ReplyMapper mapper, HttpReply reply, String target) {
    try {
      return mapper.map(reply);
    } catch (FunctionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FunctionTransportException(
          "cannot read the reply of " + target + ": " + e, true, e);
    }
  }

  /**
   * Sends {@code request} without blocking. The call's timeout is the time left until the
   * deadline; a second timer covers time spent queued in the client's dispatcher, which OkHttp's
   * call timeout does not count.
   */
  public static CompletableFuture<HttpReply> send(OkHttpClient client, Request request,
      long deadlineEpochMillis, SpilloverClock clock, String target) {
    long remaining = deadlineEpochMillis - clock.epochMillis();
    if (remaining <= 0) {
      return CompletableFuture.failedFuture(
          new FunctionTimeoutException("deadline passed before sending to " + target));
    }
    Call call = client.newCall(
        request.newBuilder().tag(Deadline.class, new Deadline(deadlineEpochMillis)).build());
    call.timeout().timeout(remaining, TimeUnit.MILLISECONDS);
    CompletableFuture<HttpReply> raw = new CompletableFuture<>();
    CompletableFuture<HttpReply> out = new CompletableFuture<>();
    raw.orTimeout(remaining, TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
      if (error == null) {
        out.complete(reply);
        return;
      }
      call.cancel();
      out.completeExceptionally(error instanceof TimeoutException
          ? timedOut(target, remaining) : error);
    });
    out.whenComplete((r, e) -> {
      if (out.isCancelled()) {
        call.cancel();
      }
    });
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        raw.completeExceptionally(classify(e, target, remaining));
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          raw.complete(new HttpReply(response.code(), response.headers(), read(response.body())));
        } catch (IOException e) {
          raw.completeExceptionally(classify(e, target, remaining));
        } catch (FunctionException e) {
          raw.completeExceptionally(e);
        }
      }
    });
    return out;
  }

  /** The typed failure for an I/O error of the exchange with {@code target}. */
  static FunctionException classify(IOException e, String target, long timeoutMillis) {
    if (e instanceof InterruptedIOException) {
      return timedOut(target, timeoutMillis);
    }
    boolean notSent = e instanceof NotSentException || e instanceof ConnectException
        || e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || e instanceof UnknownServiceException || e instanceof SSLHandshakeException;
    return new FunctionTransportException(
        (notSent ? "could not reach " : "exchange with ") + target + " failed: " + e,
        !notSent, e);
  }

  /** Strips the wrappers that {@link CompletableFuture} stages add around a failure. */
  public static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static FunctionTimeoutException timedOut(String target, long timeoutMillis) {
    return new FunctionTimeoutException(
        "no reply from " + target + " within " + timeoutMillis + " ms");
  }

  private static byte[] read(ResponseBody body) throws IOException {
    if (body.contentLength() > MAX_REPLY_BYTES) {
      throw tooLarge();
    }
    BufferedSource source = body.source();
    if (source.request(MAX_REPLY_BYTES + 1)) {
      throw tooLarge();
    }
    return source.readByteArray();
  }

  private static FunctionException tooLarge() {
    return new FunctionTransportException(
        "reply larger than " + MAX_REPLY_BYTES + " bytes", true, null);
  }
}
