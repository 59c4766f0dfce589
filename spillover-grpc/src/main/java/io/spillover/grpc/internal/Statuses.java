package io.spillover.grpc.internal;

import io.grpc.Status;
import io.spillover.SpillRejectedException;
import io.spillover.SpilloverException;
import java.util.concurrent.CompletionException;

/**
 * What a caller sees when the spillway ends a call itself: one status whose cause is the typed
 * Spillover exception (so {@code StatusRuntimeException.getCause()} says why).
 */
final class Statuses {
  private Statuses() {}

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static Status of(Throwable cause) {
    if (cause instanceof SpillRejectedException) {
      SpillRejectedException r = (SpillRejectedException) cause;
      Status base;
      switch (r.reason()) {
        case DEADLINE_EXCEEDED:
          base = Status.DEADLINE_EXCEEDED;
          break;
        case SPILL_OUTCOME_UNKNOWN:
          // the twin may have run it: the caller must not take it for "not run"
          base = Status.UNKNOWN;
          break;
        default:
          base = Status.UNAVAILABLE;
      }
      return base.withDescription("spillover: " + r.getMessage()).withCause(r);
    }
    if (cause instanceof SpilloverException) {
      return Status.INTERNAL.withDescription("spillover: " + cause.getMessage()).withCause(cause);
    }
    return Status.fromThrowable(cause);
  }
}
