package io.spillover.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VM pool: work starts on a free worker, else waits in line first come first served. */
class VmPoolTest {
  private final EventLoop loop = new EventLoop();
  private final List<String> started = new ArrayList<>();

  /** Work that holds its worker for {@code ms} on the loop. */
  private Runnable work(VmPool pool, String name, long ms) {
    return () -> {
      started.add(name + "@" + loop.nanoTime() / 1_000_000);
      loop.after(ms * 1_000_000, () -> pool.release(loop.nanoTime()));
    };
  }

  @Test
  void workBeyondTheWorkersWaitsInLineAndStartsInArrivalOrder() {
    VmPool pool = new VmPool(2);
    for (String n : new String[] {"a", "b", "c", "d"}) {
      pool.run(work(pool, n, 100), loop.nanoTime());
    }
    assertThat(pool.busy()).isEqualTo(2);
    assertThat(pool.waiting()).isEqualTo(2);

    loop.runUntil(1_000_000_000L);

    assertThat(started).containsExactly("a@0", "b@0", "c@100", "d@100");
    assertThat(pool.busy()).isZero();
    // four calls of 100 ms on two workers: 400 worker-ms busy
    assertThat(pool.busyNanos(loop.nanoTime())).isEqualTo(400_000_000L);
  }

  @Test
  void aShrunkPoolLetsWorkInProgressFinishAndStartsNewWorkOnlyAsWorkersFreeUp() {
    VmPool pool = new VmPool(2);
    pool.run(work(pool, "a", 100), 0);
    pool.run(work(pool, "b", 300), 0);
    pool.resize(1, 0);
    pool.run(work(pool, "c", 100), 0);

    loop.runUntil(1_000_000_000L);

    // after a ends, one worker is still busy with b: the pool of 1 is full until b ends at 300
    assertThat(started).containsExactly("a@0", "b@0", "c@300");
    assertThat(pool.current()).isEqualTo(1);
  }

  @Test
  void aGrownPoolStartsWaitingWorkAtOnce() {
    VmPool pool = new VmPool(1);
    pool.run(work(pool, "a", 100), 0);
    pool.run(work(pool, "b", 100), 0);
    loop.runUntil(50_000_000L);
    pool.resize(2, loop.nanoTime());

    assertThat(started).containsExactly("a@0", "b@50");
  }
}
