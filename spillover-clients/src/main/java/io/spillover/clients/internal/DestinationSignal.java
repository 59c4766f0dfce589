package io.spillover.clients.internal;

import io.spillover.OverloadSignal;
import io.spillover.clients.HttpResult;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Carries a destination's overload signal out of the spillway's local function so the adaptive
 * limit counts a drop, then is unwrapped: the caller still gets the destination's own reply (503,
 * 429, {@code Retry-After}) or its own I/O failure (refused, timed out).
 */
public final class DestinationSignal extends RuntimeException implements OverloadSignal {
  private final transient @Nullable HttpResult reply;
  private final transient @Nullable UncheckedIOException failure;

  private DestinationSignal(@Nullable HttpResult reply, @Nullable UncheckedIOException failure) {
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
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof ConnectException
            || e.getCause() instanceof InterruptedIOException) {
          throw new DestinationSignal(null, e);
        }
        throw e;
      }
      if (r.status() == 503 || r.status() == 429 || hasRetryAfter(r)) {
        throw new DestinationSignal(r, null);
      }
      return r;
    };
  }

  /** The destination's reply, or rethrows its I/O failure. */
  public HttpResult unwrap() {
    if (reply != null) {
      return reply;
    }
    throw failure;
  }

  private static boolean hasRetryAfter(HttpResult r) {
    for (String name : r.headers().keySet()) {
      if (name.equalsIgnoreCase("Retry-After")) {
        return true;
      }
    }
    return false;
  }
}
