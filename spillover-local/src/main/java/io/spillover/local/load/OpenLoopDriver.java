package io.spillover.local.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load for demos and labs against the local platform: sends each request at its scheduled
 * instant whatever the replies do (open loop), and measures each latency from the instant the
 * request was due, so a stalled system cannot hide its queue (no coordinated omission). Counts
 * every request as answered, rejected (as the given predicate says, on the failure or any of its
 * causes), failed otherwise, or lost (no answer by the end of the drain time).
 */
public final class OpenLoopDriver {
  /** Told of each request as it is sent and as it ends; called from the requests' threads. */
  public interface Listener {
    void arrival(long offsetNanos);

    void done(long offsetNanos, long latencyMicros);
  }

  /** A request that blocks its thread; {@link #runBlocking} gives each one its own thread. */
  @FunctionalInterface
  public interface BlockingCall {
    void run(long index) throws Exception;
  }

  private final Predicate<Throwable> rejection;
  private final LongSupplier nanoTime;
  private final LongConsumer park;
  private final Histogram latencyMicros = new ConcurrentHistogram(3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLong sent = new AtomicLong();
  private volatile Listener listener = new Listener() {
    @Override
    public void arrival(long offsetNanos) {}

    @Override
    public void done(long offsetNanos, long latencyMicros) {}
  };

  /** {@code rejection}: which failures count as rejected (e.g. a spillway's rejection). */
  public OpenLoopDriver(Predicate<Throwable> rejection) {
    this(rejection, System::nanoTime, LockSupport::parkNanos);
  }

  /** A driver on a given time source and sleep, for tests. */
  OpenLoopDriver(Predicate<Throwable> rejection, LongSupplier nanoTime, LongConsumer park) {
    this.rejection = Objects.requireNonNull(rejection, "rejection");
    this.nanoTime = nanoTime;
    this.park = park;
  }

  /** Tells {@code listener} of every request from now on. */
  public OpenLoopDriver listener(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** {@link #run(long, long[], LongFunction, Duration)} starting now. */
  public void run(long[] offsetsNanos, LongFunction<? extends CompletionStage<?>> call,
      Duration drain) throws InterruptedException {
    run(nanoTime.getAsLong(), offsetsNanos, call, drain);
  }

  /**
   * Sends request {@code i} at {@code startNanos + offsetsNanos[i]} (ascending offsets) with
   * {@code call}, which must not block, then waits up to {@code drain} for the replies.
   */
  public void run(long startNanos, long[] offsetsNanos,
      LongFunction<? extends CompletionStage<?>> call, Duration drain)
      throws InterruptedException {
    List<CompletableFuture<?>> pending = new ArrayList<>(offsetsNanos.length);
    for (int i = 0; i < offsetsNanos.length; i++) {
      long offset = offsetsNanos[i];
      long due = startNanos + offset;
      long wait;
      while ((wait = due - nanoTime.getAsLong()) > 0) {
        park.accept(wait);
      }
      listener.arrival(offset);
      sent.incrementAndGet();
      CompletionStage<?> stage;
      try {
        stage = call.apply(i);
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      pending.add(stage.toCompletableFuture().whenComplete((r, e) -> record(offset, due, e)));
    }
    long until = nanoTime.getAsLong() + drain.toNanos();
    for (CompletableFuture<?> f : pending) {
      long left = until - nanoTime.getAsLong();
      if (left <= 0) {
        break;
      }
      try {
        f.get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception ignored) {
        // counted in record(); a request still open at the end is counted as lost
      }
    }
  }

  /** As {@link #run(long, long[], LongFunction, Duration)}, each request on its own thread. */
  public void runBlocking(long startNanos, long[] offsetsNanos, BlockingCall call, Duration drain)
      throws InterruptedException {
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "open-loop-request");
      t.setDaemon(true);
      return t;
    });
    try {
      run(startNanos, offsetsNanos, i -> CompletableFuture.runAsync(() -> {
        try {
          call.run(i);
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }, pool), drain);
    } finally {
      pool.shutdownNow();
    }
  }

  private void record(long offset, long due, Throwable e) {
    long micros = Math.max(0, (nanoTime.getAsLong() - due) / 1000);
    latencyMicros.recordValue(micros);
    listener.done(offset, micros);
    if (e == null) {
      ok.increment();
    } else if (isRejection(e)) {
      rejected.increment();
    } else {
      errors.increment();
    }
  }

  private boolean isRejection(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (rejection.test(c)) {
        return true;
      }
    }
    return false;
  }

  public long sent() {
    return sent.get();
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

  /** Requests that ended, one way or another. */
  public long finished() {
    return ok.sum() + rejected.sum() + errors.sum();
  }

  /** Requests that got no answer at all by the end of the drain time. */
  public long lost() {
    return sent() - finished();
  }

  /** The latency at percentile {@code p} (0 to 100), in milliseconds; 0 before any reply. */
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
