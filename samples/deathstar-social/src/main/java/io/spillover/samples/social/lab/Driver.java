package io.spillover.samples.social.lab;

import io.spillover.SpillRejectedException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Sends each request at its due time on its own thread; latency from the due time. */
final class Driver {
  private final Series series;
  private final long start;
  private final Histogram latency = new ConcurrentHistogram(3);
  final LongAdder ok = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder errors = new LongAdder();
  private final AtomicLong sent = new AtomicLong();

  Driver(Series series, long start) {
    this.series = series;
    this.start = start;
  }

  interface Request {
    void run(long i) throws Exception;
  }

  void run(long[] offsets, Request request, Duration drain) throws InterruptedException {
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lab-request");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int i = 0; i < offsets.length; i++) {
        long offset = offsets[i];
        long due = start + offset;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        series.arrival(offset);
        sent.incrementAndGet();
        long id = i;
        pool.execute(() -> {
          Throwable failure = null;
          try {
            request.run(id);
          } catch (Throwable e) {
            failure = e;
          }
          long micros = (System.nanoTime() - due) / 1000;
          latency.recordValue(Math.max(0, micros));
          series.latency(offset, micros);
          if (failure == null) {
            ok.increment();
          } else if (rejection(failure)) {
            rejected.increment();
          } else {
            errors.increment();
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean rejection(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SpillRejectedException) {
        return true;
      }
    }
    return false;
  }

  Series series() {
    return series;
  }

  long sent() {
    return sent.get();
  }

  long finished() {
    return ok.sum() + rejected.sum() + errors.sum();
  }

  long lost() {
    return sent() - finished();
  }

  double percentile(double p) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(p) / 1000.0;
  }
}
