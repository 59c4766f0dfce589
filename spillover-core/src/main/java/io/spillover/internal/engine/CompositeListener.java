package io.spillover.internal.engine;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpillwayListener;
import io.spillover.seal.UnauthenticatedReplyException;
import java.util.List;

/** Fans every event out to several listeners; one failing listener does not stop the others. */
public final class CompositeListener implements SpillwayListener {
  private final SpillwayListener[] listeners;

  private CompositeListener(List<SpillwayListener> listeners) {
    this.listeners = listeners.toArray(new SpillwayListener[0]);
  }

  public static SpillwayListener of(List<SpillwayListener> listeners) {
    if (listeners.isEmpty()) {
      return new SpillwayListener() {};
    }
    return listeners.size() == 1 ? listeners.get(0) : new CompositeListener(listeners);
  }

  @Override
  public void onCall(String s, Route route, Outcome outcome, long nanos) {
    for (SpillwayListener l : listeners) {
      l.onCall(s, route, outcome, nanos);
    }
  }

  @Override
  public void onRejected(String s, Reason reason) {
    for (SpillwayListener l : listeners) {
      l.onRejected(s, reason);
    }
  }

  @Override
  public void onSpillRefused(String s, Reason reason) {
    for (SpillwayListener l : listeners) {
      l.onSpillRefused(s, reason);
    }
  }

  @Override
  public void onSpillFailed(String s, Throwable cause, boolean fellBack) {
    for (SpillwayListener l : listeners) {
      l.onSpillFailed(s, cause, fellBack);
    }
  }

  @Override
  public void onSpillMode(String s, boolean spilling) {
    for (SpillwayListener l : listeners) {
      l.onSpillMode(s, spilling);
    }
  }

  @Override
  public void onLimitChanged(String s, int limit) {
    for (SpillwayListener l : listeners) {
      l.onLimitChanged(s, limit);
    }
  }

  @Override
  public void onColdStart(String s) {
    for (SpillwayListener l : listeners) {
      l.onColdStart(s);
    }
  }

  @Override
  public void onSpend(String s, double usd) {
    for (SpillwayListener l : listeners) {
      l.onSpend(s, usd);
    }
  }

  @Override
  public void onPrewarm(String s, int instances) {
    for (SpillwayListener l : listeners) {
      l.onPrewarm(s, instances);
    }
  }

  @Override
  public void onTamperedReply(String s, String requestId,
      UnauthenticatedReplyException.Kind kind) {
    for (SpillwayListener l : listeners) {
      l.onTamperedReply(s, requestId, kind);
    }
  }

  @Override
  public void onAdvice(String s, int replicas) {
    for (SpillwayListener l : listeners) {
      l.onAdvice(s, replicas);
    }
  }
}
