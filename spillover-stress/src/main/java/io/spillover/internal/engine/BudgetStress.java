package io.spillover.internal.engine;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The spill budget (concurrency and rate) and the functionConcurrency counter, one
 * {@link SpillBudget} shared by every spillway of a target: one slot, two racing spills.
 */
public final class BudgetStress {
  private BudgetStress() {}

  static int take(SpillBudget b) {
    return b.tryAcquire(0) == null ? 1 : 0;
  }

  @JCStressTest
  @Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE, desc = "one spill takes the one slot")
  @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "the spill budget exceeded")
  @Outcome(expect = FORBIDDEN, desc = "a slot lost or created")
  @State
  public static class ConcurrencySlot {
    final SpillBudget b = new SpillBudget(1, 0);

    @Actor public void a(III_Result r) {
      r.r1 = take(b);
    }

    @Actor public void b(III_Result r) {
      r.r2 = take(b);
    }

    @Arbiter public void check(III_Result r) {
      r.r3 = b.inflight();
    }
  }

  @JCStressTest
  @Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE, desc = "one spill takes the one token")
  @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "the rate budget exceeded")
  @Outcome(expect = FORBIDDEN, desc = "a slot kept by a spill the rate refused, or a token lost")
  @State
  public static class RateToken {
    /** Two slots, one call per second: at one instant one token. */
    final SpillBudget b = new SpillBudget(2, 1.0);

    @Actor public void a(III_Result r) {
      r.r1 = take(b);
    }

    @Actor public void b(III_Result r) {
      r.r2 = take(b);
    }

    @Arbiter public void check(III_Result r) {
      r.r3 = b.inflight();
    }
  }

  @JCStressTest
  @Outcome(id = {"1, 1, 0", "1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE, desc = "every slot back")
  @Outcome(expect = FORBIDDEN, desc = "a slot lost or created, or neither spill could start")
  @State
  public static class FunctionConcurrencyAcquireRelease {
    /** The target's functionConcurrency of 1, shared by two spillways. */
    final SpillBudget shared = new SpillBudget(1, 0);

    int spill() {
      if (take(shared) == 0) {
        return 0;
      }
      shared.release();
      return 1;
    }

    @Actor public void a(III_Result r) {
      r.r1 = spill();
    }

    @Actor public void b(III_Result r) {
      r.r2 = spill();
    }

    @Arbiter public void check(III_Result r) {
      r.r3 = shared.inflight();
    }
  }
}
