package io.spillover.samples.social;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A caller that runs calls in place and records the operation names, in call order. */
public final class RecordingCaller implements ServiceCaller {
  private final List<String> calls = new ArrayList<>();

  @Override
  public synchronized <Q, R> R call(Operation<Q, R> operation, Q request,
      Function<? super Q, ? extends R> local) {
    calls.add(operation.name());
    return local.apply(request);
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized void clear() {
    calls.clear();
  }
}
