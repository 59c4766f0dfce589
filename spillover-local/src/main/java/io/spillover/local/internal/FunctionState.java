package io.spillover.local.internal;

import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
import io.spillover.local.FunctionStats;
import java.util.ArrayList;
import java.util.List;

/** One function's instances and counters; every field is guarded by the pool's lock. */
final class FunctionState {
  final FunctionSpec spec;
  final int cap;
  final List<Instance> instances = new ArrayList<>();
  int inFlight;
  long coldStarts;
  long invocations;
  long throttles;
  long errors;
  long billedMillis;
  double gbSeconds;
  private int sequence;

  FunctionState(FunctionSpec spec, int cap) {
    this.spec = spec;
    this.cap = cap;
  }

  String nextInstanceId() {
    return spec.name().replace('/', '-') + "-" + (++sequence);
  }

  /**
   * A ready instance with a free slot, the most recently used first (so surplus instances go idle
   * and are reaped); else a starting one with a free slot (OpenWhisk concurrency).
   */
  Instance instanceWithRoom() {
    Instance best = null;
    for (Instance i : instances) {
      if (i.state == Instance.State.DEAD || i.inFlight >= spec.concurrency()) {
        continue;
      }
      if (best == null || rank(i) > rank(best)
          || (rank(i) == rank(best) && i.lastUsedNanos - best.lastUsedNanos > 0)) {
        best = i;
      }
    }
    return best;
  }

  private static int rank(Instance i) {
    return i.state == Instance.State.READY ? 1 : 0;
  }

  void bill(long millis) {
    billedMillis += millis;
    gbSeconds += millis / 1000.0 * spec.memoryMb() / 1024.0;
  }

  FunctionStats snapshot() {
    return new FunctionStats(spec.name(), spec.kind(), instances.size(), inFlight, coldStarts,
        invocations, throttles, errors, billedMillis, gbSeconds, Pricing.cost(spec.kind(),
            gbSeconds, invocations));
  }

  boolean isLambda() {
    return spec.kind() == FunctionKind.LAMBDA;
  }
}
