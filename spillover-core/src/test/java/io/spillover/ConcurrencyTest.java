package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads on one spillway: no permit leaks, every call accounted exactly once. */
class ConcurrencyTest {
  private final SpillwayFixture f = new SpillwayFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void everyCallEndsOnceAndPermitsReturnToZero() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .limit(Limits.fixed(4)).maxWait(Duration.ofMillis(5)).maxConcurrentSpills(3)
        .overloadAction(Priority.BATCH, OverloadAction.SHED).build());
    int threads = 16;
    int perThread = 150;
    AtomicInteger localConcurrent = new AtomicInteger();
    AtomicInteger maxLocalConcurrent = new AtomicInteger();
    LongAdder results = new LongAdder();
    LongAdder rejected = new LongAdder();
    LongAdder errors = new LongAdder();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          Priority p = Priority.values()[(id + i) % 3];
          boolean fail = i % 50 == 0;
          try {
            sw.call(Echo.of(fail ? "boom" : "x"), CallOptions.builder().priority(p).build(), e -> {
              int now = localConcurrent.incrementAndGet();
              maxLocalConcurrent.accumulateAndGet(now, Math::max);
              try {
                if (fail) {
                  throw new IllegalStateException("local failed");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000); // hold the permit a while
                return e;
              } finally {
                localConcurrent.decrementAndGet();
              }
            });
            results.increment();
          } catch (SpillRejectedException e) {
            rejected.increment();
          } catch (RuntimeException e) {
            errors.increment();
          }
        }
      }));
    }
    for (Future<?> fu : futures) {
      fu.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    SpillwayMetrics m = sw.metrics();
    long total = (long) threads * perThread;
    long counted = 0;
    for (Route r : Route.values()) {
      for (Outcome o : Outcome.values()) {
        counted += m.calls(r, o);
      }
    }
    assertThat(counted).isEqualTo(total);
    assertThat(results.sum() + rejected.sum() + errors.sum()).isEqualTo(total);
    assertThat(m.calls(Route.NONE, Outcome.REJECTED)).isEqualTo(rejected.sum());
    assertThat(m.calls(Route.LOCAL, Outcome.ERROR) + m.calls(Route.FUNCTION, Outcome.ERROR))
        .isEqualTo(errors.sum());
    assertThat(maxLocalConcurrent.get()).isLessThanOrEqualTo(4);
    assertThat(m.inflightLocal()).isZero();
    assertThat(m.inflightSpills()).isZero();
    assertThat(m.waiting()).isZero();
    assertThat(m.calls(Route.FUNCTION, Outcome.SUCCESS)).isPositive();
  }

  @Test
  void asyncCallsReleaseTheirPermitsToo() throws Exception {
    Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config()
        .limit(Limits.fixed(2)).maxWait(Duration.ofSeconds(5)).build());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<CompletableFuture<Echo>> all = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      all.add(sw.callAsync(Echo.of("a" + i),
          e -> CompletableFuture.supplyAsync(() -> e, pool)).toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    pool.shutdown();
    assertThat(sw.metrics().inflightLocal()).isZero();
    assertThat(sw.metrics().calls(Route.LOCAL, Outcome.SUCCESS)
        + sw.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isEqualTo(400);
  }
}
