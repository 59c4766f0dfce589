package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.CallPathRig.Call;
import io.spillover.CallPathRig.Twin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the call path over generated loads: concurrent calls, each idempotent or not,
 * public or confidential, failing locally or not, meeting a scripted twin (answers, throttles,
 * never gets the request, runs and then times out or resets, throws). The clock is manual and
 * the provider scripted ({@link CallPathRig}).
 */
class CallPathPropertiesTest {
  @Provide
  Arbitrary<List<Call>> loads() {
    Arbitrary<Call> call = Combinators.combine(Arbitraries.of(true, false),
        Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.of(Twin.class)).as(Call::new);
    return call.list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.OFF)
  void everyCallEndsOnceWithinTheLimitsAndNothingRunsTwiceOrLeaksOrStaysHeld(
      @ForAll("loads") List<Call> calls, @ForAll @IntRange(min = 1, max = 3) int limit,
      @ForAll @IntRange(min = 1, max = 2) int spillBudget, @ForAll boolean verifiedTarget)
      throws Exception {
    CallPathRig rig = new CallPathRig(limit, spillBudget, verifiedTarget);
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<Object>> ends = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        int n = i;
        ends.add(pool.submit(() -> rig.run(n, calls.get(n))));
      }
      for (int i = 0; i < calls.size(); i++) {
        Object end = ends.get(i).get(30, TimeUnit.SECONDS);
        Call c = calls.get(i);
        String label = "call " + i + " " + c + " ended in " + end;
        String localFailure = "local failed " + i;
        // exactly one end, and an allowed one
        assertThat(end).as(label).satisfiesAnyOf(
            e -> assertThat(e).isInstanceOf(Echo.class),
            e -> assertThat(e).isInstanceOf(SpilloverException.class),
            e -> assertThat(e).isInstanceOfSatisfying(IllegalStateException.class,
                x -> assertThat(x).hasMessage(localFailure)));
        int runs = rig.runs(i);
        if (!c.idempotent()) {
          assertThat(runs).as("never twice: " + label).isLessThanOrEqualTo(1);
        }
        if (end instanceof Echo) {
          assertThat(runs).as(label).isGreaterThanOrEqualTo(1);
        }
      }
      assertThat(rig.maxLocal.get()).as("local in flight").isLessThanOrEqualTo(limit);
      assertThat(rig.maxSpills.get()).as("spills in flight").isLessThanOrEqualTo(spillBudget);
      for (String wire : rig.wire) {
        assertThat(wire).as("no confidential call in plain text, none to an unverified target")
            .doesNotContain(CallPathRig.SECRET);
      }
      SpillwayMetrics m = rig.sw.metrics();
      assertThat(m.inflightLocal()).as("every local permit back").isZero();
      assertThat(m.inflightSpills()).as("every spill permit back").isZero();
      assertThat(m.waiting()).isZero();
    } finally {
      pool.shutdownNow();
      rig.registry.close();
    }
  }
}
