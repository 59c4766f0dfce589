package io.spillover.internal.engine;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.spillover.Outcome;
import io.spillover.Route;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The metrics view ({@link CallCounters}, read by {@code SpillwayMetrics}) while calls end: a
 * reader never sees a count go back, and no count is lost.
 */
@JCStressTest
@org.openjdk.jcstress.annotations.Outcome(id = {"0, 0, 2", "0, 1, 2", "0, 2, 2", "1, 1, 2",
    "1, 2, 2", "2, 2, 2"}, expect = ACCEPTABLE, desc = "reads only go up; both calls counted")
@org.openjdk.jcstress.annotations.Outcome(expect = FORBIDDEN,
    desc = "a count went back or was lost")
@State
public class MetricsViewStress {
  final CallCounters counters = new CallCounters();

  @Actor public void twoCallsEnd() {
    counters.call(Route.LOCAL, Outcome.SUCCESS);
    counters.call(Route.LOCAL, Outcome.SUCCESS);
  }

  @Actor public void read(III_Result r) {
    r.r1 = (int) counters.calls(Route.LOCAL, Outcome.SUCCESS);
    r.r2 = (int) counters.routed(Route.LOCAL);
  }

  @Arbiter public void check(III_Result r) {
    r.r3 = (int) counters.calls(Route.LOCAL, Outcome.SUCCESS);
  }
}
