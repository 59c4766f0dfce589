package io.spillover.cli.demo;

import io.spillover.SpillRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at their scheduled instants whatever the replies do (open loop), and measures
 * each latency from the instant the request was due, so a stalled system cannot hide its queue
 * (no coordinated omission).
 */
public final class OpenLoopDriver {
  private final Histogram latencyMicros = new ConcurrentHistogram(3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private long sent;

  /** Runs the schedule ({@code offsetsNanos}, ascending) and waits for every reply. */
  public void run(long[] offsetsNanos, LongFunction<CompletionStage<?>> call, long drainMillis)
      throws InterruptedException {
    List<CompletableFuture<?>> pending = new ArrayList<>(offsetsNanos.length);
    long start = System.nanoTime();
    for (int i = 0; i < offsetsNanos.length; i++) {
      long due = start + offsetsNanos[i];
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      sent++;
      CompletionStage<?> stage;
      try {
        stage = call.apply(i);
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      pending.add(stage.toCompletableFuture().whenComplete((r, e) -> record(due, e)));
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
    for (CompletableFuture<?> f : pending) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        f.get(left, TimeUnit.NANOSECONDS);
      } catch (Exception ignored) {
        // counted in record(); a future still open at the end is counted as lost
      }
    }
  }

  private void record(long due, Throwable e) {
    latencyMicros.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
        ? e.getCause() : e;
    if (cause == null) {
      ok.increment();
    } else if (cause instanceof SpillRejectedException) {
      rejected.increment();
    } else {
      errors.increment();
    }
  }

  public long sent() {
    return sent;
  }

  public long ok() {
    return ok.sum();
  }

  public long rejected() {
    return rejected.sum();
  }

  public long errors() {
    return errors.sum();
  }

  /** Requests that got no answer at all by the end of the drain time. */
  public long lost() {
    return sent - ok.sum() - rejected.sum() - errors.sum();
  }

  public double percentileMillis(double p) {
    return latencyMicros.getTotalCount() == 0 ? 0
        : latencyMicros.getValueAtPercentile(p) / 1000.0;
  }

  /** Arrival offsets for phases of constant rate: {rps, seconds} pairs. */
  public static long[] schedule(double[][] phases) {
    List<Long> offsets = new ArrayList<>();
    double t = 0;
    for (double[] phase : phases) {
      double rate = phase[0];
      double end = t + phase[1];
      double gap = 1.0 / rate;
      for (double at = t; at < end - 1e-9; at += gap) {
        offsets.add((long) (at * 1e9));
      }
      t = end;
    }
    return offsets.stream().mapToLong(Long::longValue).toArray();
  }
}
