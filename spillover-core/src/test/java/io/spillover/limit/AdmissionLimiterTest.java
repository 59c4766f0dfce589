package io.spillover.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionLimiterTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void grantsUpToTheLimit() {
    AdmissionLimiter l = new AdmissionLimiter(Limits.fixed(2).create(null), clock, 1, 10);
    long a = l.tryAcquire();
    long b = l.tryAcquire();
    assertThat(l.tryAcquire()).isEqualTo(AdmissionLimiter.NO_PERMIT);
    l.release(a, false);
    assertThat(l.tryAcquire()).isNotEqualTo(AdmissionLimiter.NO_PERMIT);
    assertThat(l.inflight()).isEqualTo(2);
    assertThat(b).isNotEqualTo(AdmissionLimiter.NO_PERMIT);
  }

  @Test
  void aFixedLimitNeverReadsTheClock() {
    AtomicLong reads = new AtomicLong();
    io.spillover.SpilloverClock counting = new io.spillover.SpilloverClock() {
      @Override public long nanoTime() { reads.incrementAndGet(); return 0; }
      @Override public long epochMillis() { reads.incrementAndGet(); return 0; }
    };
    AdmissionLimiter l = new AdmissionLimiter(Limits.fixed(2).create(null), counting, 1, 10);
    for (int i = 0; i < 100; i++) {
      l.release(l.tryAcquire(), false);
    }
    assertThat(reads).hasValue(0);
  }

  @Test
  void timedPermitsFeedTheLatencyToTheLimit() {
    AtomicLong seen = new AtomicLong(-2);
    Limit recording = new Limit() {
      @Override public int current() { return 5; }
      @Override public void onSample(long rtt, int inflight, boolean dropped) { seen.set(rtt); }
    };
    AdmissionLimiter l = new AdmissionLimiter(recording, clock, 1, 10);
    long p = l.tryAcquire();
    clock.advance(Duration.ofMillis(7));
    l.release(p, false);
    assertThat(seen).hasValue(7_000_000);
  }

  @Test
  void aReleaseHandsThePermitToTheOldestWaiter() throws Exception {
    AdmissionLimiter l = new AdmissionLimiter(Limits.fixed(1).create(null), clock, 1, 10);
    long held = l.tryAcquire();
    CompletableFuture<Long> first = l.acquireAsync();
    CompletableFuture<Long> second = l.acquireAsync();
    assertThat(first).isNotDone();
    assertThat(l.waiting()).isEqualTo(2);
    l.release(held, false);
    assertThat(first).isDone();
    assertThat(second).isNotDone();
    assertThat(l.inflight()).isEqualTo(1);
    l.release(first.get(), false);
    l.release(second.get(), false);
    assertThat(l.inflight()).isZero();
    assertThat(l.waiting()).isZero();
  }

  @Test
  void aWaiterThatGaveUpIsSkipped() throws Exception {
    AdmissionLimiter l = new AdmissionLimiter(Limits.fixed(1).create(null), clock, 1, 10);
    long held = l.tryAcquire();
    CompletableFuture<Long> gaveUp = l.acquireAsync();
    CompletableFuture<Long> next = l.acquireAsync();
    gaveUp.complete(AdmissionLimiter.NO_PERMIT);
    l.release(held, false);
    assertThat(next).isDone();
    l.release(next.get(), false);
    assertThat(l.inflight()).isZero();
  }

  @Test
  void theWaitQueueIsBounded() {
    AdmissionLimiter l = new AdmissionLimiter(Limits.fixed(1).create(null), clock, 1, 1);
    l.tryAcquire();
    assertThat(l.acquireAsync()).isNotNull();
    assertThat(l.acquireAsync()).isNull();
  }

  @Test
  void rejectsBadArguments() {
    Limit limit = Limits.fixed(1).create(null);
    assertThatThrownBy(() -> new AdmissionLimiter(limit, clock, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
    AdmissionLimiter l = new AdmissionLimiter(limit, clock, 1, 1);
    assertThatThrownBy(() -> l.release(AdmissionLimiter.NO_PERMIT, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
