package io.spillover.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.AbstractExecutorService;

/**
 * A scheduler on a {@link ManualClock}: delayed tasks run when {@link #advance} moves the clock
 * past their time, on the test's thread; plain tasks run at once. Periodic scheduling is not
 * needed by the tests that use it and is refused.
 */
public final class ManualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  private final ManualClock clock;
  private final PriorityQueue<Task<?>> tasks =
      new PriorityQueue<>(Comparator.comparingLong((Task<?> t) -> t.due).thenComparingLong(t -> t.seq));
  private long seq;

  public ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  /** Moves the clock by {@code d}, running every task that falls due on the way, in order. */
  public void advance(Duration d) {
    long end = clock.nanoTime() + d.toNanos();
    Task<?> t;
    while ((t = tasks.peek()) != null && t.due <= end) {
      tasks.poll();
      clock.advance(Duration.ofNanos(t.due - clock.nanoTime()));
      t.run();
    }
    clock.advance(Duration.ofNanos(end - clock.nanoTime()));
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(() -> {
      command.run();
      return null;
    }, delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Task<V> t = new Task<>(callable, clock.nanoTime() + Math.max(0, unit.toNanos(delay)), seq++);
    tasks.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable c, long i, long p, TimeUnit u) {
    throw new UnsupportedOperationException("periodic tasks: not needed by these tests");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable c, long i, long d, TimeUnit u) {
    throw new UnsupportedOperationException("periodic tasks: not needed by these tests");
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return new ArrayList<>();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final long due;
    final long seq;

    Task(Callable<V> c, long due, long seq) {
      super(c);
      this.due = due;
      this.seq = seq;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - clock.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
