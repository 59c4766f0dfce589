package io.spillover.sim.internal;

import io.spillover.function.FunctionApp;
import java.util.SplittableRandom;

/**
 * The function twin of every logic service: the real {@link FunctionApp} decodes the envelope and
 * answers; the simulated platform asks it how long the call's subtree runs. One thread only (the
 * event loop), so the last decoded call is the one being invoked.
 */
final class Twin implements FunctionPlatform.ExecTime {
  private final ServiceGraph graph;
  private final FunctionApp app;
  private long lastMicros;

  Twin(ServiceGraph graph, EventLoop loop) {
    this.graph = graph;
    FunctionApp.Builder b = FunctionApp.builder().clock(loop);
    for (String name : graph.services().keySet()) {
      b.handle(name, SimCall.class, SimCall.class, q -> {
        lastMicros = q.micros();
        return q;
      });
    }
    this.app = b.build();
  }

  FunctionApp app() {
    return app;
  }

  @Override
  public long nanos(String service, SplittableRandom random) {
    return graph.sample(lastMicros, random);
  }
}
