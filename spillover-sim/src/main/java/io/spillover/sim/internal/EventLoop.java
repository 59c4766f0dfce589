package io.spillover.sim.internal;

import io.spillover.SpilloverClock;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Virtual time: the clock and the scheduler of a simulated registry, and the simulator's own
 * event queue, all on one thread. Events run in time order, ties in the order they were
 * scheduled, so a run is a function of its inputs and seed. The registry's retries' backoff and
 * bounded waits are scheduled here like every simulated service time.
 */
public final class EventLoop extends AbstractExecutorService
    implements ScheduledExecutorService, SpilloverClock {
  /** Virtual wall time of nanosecond 0: a fixed date, so replies' deadlines are reproducible. */
  private static final long EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long now;
  private long seq;
  private long events;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public long epochMillis() {
    return EPOCH_MILLIS + now / 1_000_000;
  }

  /** Runs {@code action} at virtual time {@code atNanos} (now, if that has passed). */
  public void at(long atNanos, Runnable action) {
    queue.add(new Event(Math.max(now, atNanos), seq++, action));
  }

  /** Runs {@code action} {@code delayNanos} from now. */
  public void after(long delayNanos, Runnable action) {
    at(now + Math.max(0, delayNanos), action);
  }

  /** Runs every event up to and including virtual time {@code endNanos}; the clock ends there. */
  public void runUntil(long endNanos) {
    Event e;
    while ((e = queue.peek()) != null && e.at <= endNanos) {
      queue.poll();
      now = e.at;
      events++;
      e.action.run();
    }
    now = Math.max(now, endNanos);
  }

  /** Events run so far (for the report's speed line). */
  public long events() {
    return events;
  }

  /** Events still queued. */
  public int pending() {
    return queue.size();
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
    Task<V> t = new Task<>(callable, now + Math.max(0, unit.toNanos(delay)));
    at(t.due, t);
    return t;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    // the simulator ticks registries itself (tickInterval ZERO); nothing else asks for this
    throw new UnsupportedOperationException("periodic tasks are run by the simulator");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay,
      long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("periodic tasks are run by the simulator");
  }

  /** Work handed to the loop without a delay runs at the current virtual time, in order. */
  @Override
  public void execute(Runnable command) {
    at(now, command);
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

  private record Event(long at, long seq, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final long due;

    Task(Callable<V> c, long due) {
      super(c);
      this.due = due;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - now, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
