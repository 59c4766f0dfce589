package io.spillover.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.testing.ManualClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A release racing with a waiter's enqueue must not strand the waiter while the permit is free.
 * The race window is a few instructions wide and has no seam to hold a thread in, so the test
 * runs the race many times: one thread releases the only permit while another queues for it,
 * and after both have returned the waiter holds the permit, or the permit is taken. Before the
 * fix 101 of the 50 000 rounds stranded their waiter (seen on a 2-core machine); after it, none.
 */
class LostWakeUpTest {
  private static final int ROUNDS = 50_000;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aWaiterQueuedDuringAReleaseIsHandedThePermit() throws Exception {
    AdmissionLimiter l = new AdmissionLimiter(Limits.fixed(1).create(null), new ManualClock(), 1,
        10);
    AtomicInteger go = new AtomicInteger();
    AtomicInteger released = new AtomicInteger();
    long[] permit = new long[1];
    Thread releaser = new Thread(() -> {
      for (int i = 1; i <= ROUNDS; i++) {
        while (go.get() < i) {
          Thread.onSpinWait();
        }
        l.release(permit[0], false);
        released.set(i);
      }
    }, "releaser");
    releaser.setDaemon(true);
    releaser.start();
    int stranded = 0;
    for (int i = 1; i <= ROUNDS; i++) {
      permit[0] = l.tryAcquire();
      go.set(i); // a volatile write: the releaser sees the permit
      CompletableFuture<Long> waiter = l.acquireAsync();
      while (released.get() < i) {
        Thread.onSpinWait();
      }
      if (!waiter.isDone()) {
        if (l.inflight() == 0) {
          stranded++;
        }
        waiter.complete(AdmissionLimiter.NO_PERMIT);
      } else {
        l.release(waiter.join(), false);
      }
      assertThat(l.inflight()).as("no permit lost or created in round %d", i).isZero();
    }
    releaser.join();
    assertThat(stranded).as("waiters left waiting while the permit was free").isZero();
    assertThat(l.waiting()).isZero();
  }
}
