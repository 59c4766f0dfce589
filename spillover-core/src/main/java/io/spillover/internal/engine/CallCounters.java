package io.spillover.internal.engine;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException.Reason;
import java.util.concurrent.atomic.LongAdder;

/** Striped counters of call endings; adding allocates nothing. */
public final class CallCounters {
  private final LongAdder[] calls = new LongAdder[Route.values().length * Outcome.values().length];
  private final LongAdder[] rejections = new LongAdder[Reason.values().length];
  public final LongAdder fallbacks = new LongAdder();
  public final LongAdder coldStarts = new LongAdder();
  public final LongAdder prewarmPings = new LongAdder();
  /** Replies to sealed calls that were not authentic (possible tampering). */
  public final LongAdder tamperedReplies = new LongAdder();
  /** Spill attempts the platform refused for lack of capacity (429). */
  public final LongAdder throttledSpills = new LongAdder();

  public CallCounters() {
    for (int i = 0; i < calls.length; i++) {
      calls[i] = new LongAdder();
    }
    for (int i = 0; i < rejections.length; i++) {
      rejections[i] = new LongAdder();
    }
  }

  public void call(Route route, Outcome outcome) {
    calls[index(route, outcome)].increment();
  }

  public void rejected(Reason reason) {
    calls[index(Route.NONE, Outcome.REJECTED)].increment();
    rejections[reason.ordinal()].increment();
  }

  public long calls(Route route, Outcome outcome) {
    return calls[index(route, outcome)].sum();
  }

  public long rejections(Reason reason) {
    return rejections[reason.ordinal()].sum();
  }

  /** Calls that ended on {@code route}, whatever the outcome. */
  public long routed(Route route) {
    long sum = 0;
    for (Outcome o : Outcome.values()) {
      sum += calls(route, o);
    }
    return sum;
  }

  private static int index(Route route, Outcome outcome) {
    return route.ordinal() * Outcome.values().length + outcome.ordinal();
  }
}
