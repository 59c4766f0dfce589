package io.spillover.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.spillover.SpilloverClock;
import io.spillover.limit.AdmissionLimiter;
import io.spillover.limit.Limit;
import io.spillover.limit.Limits;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@link AdmissionLimiter} under races: no permit lost or created, the limit never exceeded, a
 * waiter never stranded while a permit is free, limit changes while a caller acquires.
 */
public final class LimiterStress {
  private LimiterStress() {}

  static AdmissionLimiter limiter(Limit limit) {
    return new AdmissionLimiter(limit, SpilloverClock.system(), 1, 16);
  }

  static AdmissionLimiter fixed(int n) {
    return limiter(Limits.fixed(n).create(null));
  }

  /** 1 when the waiter holds a permit, 0 while it waits. */
  static int holds(CompletableFuture<Long> waiter) {
    Long p = waiter.getNow(AdmissionLimiter.NO_PERMIT);
    return p == AdmissionLimiter.NO_PERMIT ? 0 : 1;
  }

  /** A limit another thread changes. */
  static final class SettableLimit implements Limit {
    volatile int current;

    SettableLimit(int current) {
      this.current = current;
    }

    @Override public int current() {
      return current;
    }

    @Override public void onSample(long rttNanos, int inflight, boolean dropped) {}
  }

  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the waiter got the released permit")
  @Outcome(id = "0, 0", expect = FORBIDDEN,
      desc = "lost wake-up: the waiter waits, the permit is free")
  @Outcome(expect = FORBIDDEN, desc = "a permit lost or created")
  @State
  public static class ReleaseMeetsEnqueue {
    final AdmissionLimiter l = fixed(1);
    final long held = l.tryAcquire();
    CompletableFuture<Long> waiter;

    @Actor public void release() {
      l.release(held, false);
    }

    @Actor public void enqueue() {
      waiter = l.acquireAsync();
    }

    @Arbiter public void check(II_Result r) {
      r.r1 = holds(waiter);
      r.r2 = l.inflight();
    }
  }

  @JCStressTest
  @Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE,
      desc = "one of two gets the one permit")
  @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "the limit exceeded")
  @Outcome(expect = FORBIDDEN, desc = "a permit lost or created")
  @State
  public static class NeverAboveTheLimit {
    final AdmissionLimiter l = fixed(1);

    @Actor public void a(III_Result r) {
      r.r1 = l.tryAcquire() == AdmissionLimiter.NO_PERMIT ? 0 : 1;
    }

    @Actor public void b(III_Result r) {
      r.r2 = l.tryAcquire() == AdmissionLimiter.NO_PERMIT ? 0 : 1;
    }

    @Arbiter public void check(III_Result r) {
      r.r3 = l.inflight();
    }
  }

  @JCStressTest
  @Outcome(id = {"1, 1, 0", "1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE, desc = "all permits back")
  @Outcome(expect = FORBIDDEN, desc = "a permit lost or created, or neither could acquire")
  @State
  public static class AcquireAndRelease {
    final AdmissionLimiter l = fixed(1);

    int cycle() {
      long p = l.tryAcquire();
      if (p == AdmissionLimiter.NO_PERMIT) {
        return 0;
      }
      l.release(p, false);
      return 1;
    }

    @Actor public void a(III_Result r) {
      r.r1 = cycle();
    }

    @Actor public void b(III_Result r) {
      r.r2 = cycle();
    }

    @Arbiter public void check(III_Result r) {
      r.r3 = l.inflight();
    }
  }

  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the waiter got the permit")
  @Outcome(expect = FORBIDDEN, desc = "stranded, lost or created")
  @State
  public static class LimitGrowsDuringRelease {
    final SettableLimit limit = new SettableLimit(1);
    final AdmissionLimiter l = limiter(limit);
    final long held = l.tryAcquire();
    final CompletableFuture<Long> waiter = l.acquireAsync();

    @Actor public void grow() {
      limit.current = 2;
    }

    @Actor public void release() {
      l.release(held, false);
    }

    @Arbiter public void check(II_Result r) {
      r.r1 = holds(waiter);
      r.r2 = l.inflight();
    }
  }

  @JCStressTest
  @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "handed over before the limit shrank")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the limit shrank: the permit let go")
  @Outcome(expect = FORBIDDEN, desc = "a permit lost or created")
  @State
  public static class LimitShrinksDuringRelease {
    final SettableLimit limit = new SettableLimit(2);
    final AdmissionLimiter l = limiter(limit);
    final long held = l.tryAcquire();
    final long other = l.tryAcquire();
    final CompletableFuture<Long> waiter = l.acquireAsync();

    @Actor public void shrink() {
      limit.current = 1;
    }

    @Actor public void release() {
      l.release(held, false);
    }

    @Arbiter public void check(II_Result r) {
      r.r1 = holds(waiter);
      r.r2 = l.inflight();
    }
  }
}
