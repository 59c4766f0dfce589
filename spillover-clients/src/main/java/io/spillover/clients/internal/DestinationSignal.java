package io.spillover.clients.internal;

import io.spillover.OverloadSignal;
import io.spillover.clients.HttpResult;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Carries a destination's overload signal out of the spillway's local function so the adaptive
 * limit counts a drop, then is unwrapped: the caller still gets the destination's own reply (503,
 * 429, {@code Retry-After}) or its own failure (refused, timed out), whatever client wrapped it.
 */
public final class DestinationSignal extends RuntimeException implements OverloadSignal {
  private final transient @Nullable HttpResult reply;
  private final transient @Nullable Throwable failure;

  private DestinationSignal(@Nullable HttpResult reply, @Nullable Throwable failure) {
    super(null, null, false, false);
    this.reply = reply;
    this.failure = failure;
  }

  /** {@code local} with its overload signals thrown as a {@link DestinationSignal}. */
  public static <Q> Function<Q, HttpResult> signalling(Function<Q, HttpResult> local) {
    return q -> {
      HttpResult r;
      try {
        r = local.apply(q);
      } catch (RuntimeException e) {
        if (isOverload(e)) {
          throw new DestinationSignal(null, e);
        }
        throw e;
      }
      return checked(r);
    };
  }

  /** The asynchronous form of {@link #signalling}: the stage fails with the signal. */
  public static <Q> Function<Q, CompletionStage<HttpResult>> signallingAsync(
      Function<Q, CompletionStage<HttpResult>> local) {
    return q -> local.apply(q).handle((r, e) -> {
      if (e == null) {
        return checked(r);
      }
      Throwable cause = unwrap(e);
      throw new CompletionException(isOverload(cause) ? new DestinationSignal(null, cause) : cause);
    });
  }

  /** {@code stage} with a {@link DestinationSignal} turned back into what the destination did. */
  public static CompletionStage<HttpResult> unwrapping(CompletionStage<HttpResult> stage) {
    return stage.handle((r, e) -> {
      if (e == null) {
        return CompletableFuture.completedFuture(r);
      }
      Throwable cause = unwrap(e);
      if (cause instanceof DestinationSignal s) {
        return s.reply != null ? CompletableFuture.completedFuture(s.reply)
            : CompletableFuture.<HttpResult>failedFuture(s.failure);
      }
      return CompletableFuture.<HttpResult>failedFuture(cause);
    }).thenCompose(f -> f);
  }

  /** The destination's reply, or rethrows its failure. */
  public HttpResult unwrap() {
    if (reply != null) {
      return reply;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    throw new CompletionException(failure);
  }

  private static HttpResult checked(HttpResult r) {
    if (r.status() == 503 || r.status() == 429 || hasRetryAfter(r)) {
      throw new DestinationSignal(r, null);
    }
    return r;
  }

  /** A refused connection or a timeout anywhere in the cause chain, as each client wraps it. */
  static boolean isOverload(@Nullable Throwable e) {
    for (int depth = 0; e != null && depth < 8; e = e.getCause(), depth++) {
      if (e instanceof ConnectException || e instanceof InterruptedIOException
          || e instanceof HttpTimeoutException || e instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static boolean hasRetryAfter(HttpResult r) {
    for (String name : r.headers().keySet()) {
      if (name != null && name.equalsIgnoreCase("Retry-After")) {
        return true;
      }
    }
    return false;
  }
}
