package io.spillover.sim.internal;

import io.spillover.limit.Limit;
import io.spillover.limit.LimitFactory;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The workers of one service on the simulated VM side, N VMs giving N workers (a VM runs one
 * worker of every service, as in the spike lab), and the limit of that service's spillway (a
 * permit is a busy worker, as the lab's VmCapacity makes it). Work waits in line, first come first
 * served, when every worker is busy, which happens only after the pool shrank.
 */
public final class VmPool implements Limit, LimitFactory {
  private final ArrayDeque<Runnable> line = new ArrayDeque<>();
  private int size;
  private int busy;
  private long busyNanos;
  private long lastChange;

  public VmPool(int workers) {
    resize(workers, 0);
  }

  /** Changes the pool's size at {@code nowNanos}; work in progress finishes. */
  public void resize(int workers, long nowNanos) {
    if (workers < 1) {
      throw new IllegalArgumentException("a pool needs at least one worker, was " + workers);
    }
    account(nowNanos);
    size = workers;
    drain(nowNanos);
  }

  /**
   * Starts {@code work} on a free worker now, or when one frees up. The work must call
   * {@link #release} when it ends.
   */
  public void run(Runnable work, long nowNanos) {
    if (busy < size) {
      account(nowNanos);
      busy++;
      work.run();
    } else {
      line.addLast(work);
    }
  }

  /** A worker is free again: the next work in line starts on it. */
  public void release(long nowNanos) {
    account(nowNanos);
    busy--;
    drain(nowNanos);
  }

  private void drain(long nowNanos) {
    while (busy < size && !line.isEmpty()) {
      busy++;
      line.pollFirst().run();
    }
  }

  private void account(long nowNanos) {
    busyNanos += (long) busy * (nowNanos - lastChange);
    lastChange = nowNanos;
  }

  /** Worker-nanoseconds spent busy up to {@code nowNanos} (utilisation = delta / size / time). */
  public long busyNanos(long nowNanos) {
    account(nowNanos);
    return busyNanos;
  }

  public int size() {
    return size;
  }

  public int busy() {
    return busy;
  }

  /** Work waiting for a worker. */
  public int waiting() {
    return line.size();
  }

  @Override
  public int current() {
    return size;
  }

  @Override
  public void onSample(long rttNanos, int inflight, boolean dropped) {}

  @Override
  public boolean usesLatency() {
    return false;
  }

  @Override
  public Limit create(Duration latencySlo) {
    return this;
  }
}
