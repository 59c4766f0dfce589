package io.spillover.samples.social.vm;

import io.spillover.limit.Limit;
import io.spillover.limit.LimitFactory;

/**
 * The bounded VM worker pool of one logic service, as the limit of its spillway: a permit is a
 * busy worker. The size changes when the autoscaler adds VMs or a VM is lost.
 */
public final class VmCapacity implements Limit, LimitFactory {
  private volatile int workers;

  public VmCapacity(int workers) {
    resize(workers);
  }

  /** Changes the pool's size (VMs added or lost); calls in flight finish. */
  public void resize(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("a pool needs at least one worker, was " + workers);
    }
    this.workers = workers;
  }

  public int workers() {
    return workers;
  }

  @Override
  public int current() {
    return workers;
  }

  @Override
  public void onSample(long rttNanos, int inflight, boolean dropped) {}

  @Override
  public boolean usesLatency() {
    return false;
  }

  @Override
  public Limit create(java.time.Duration latencySlo) {
    return this;
  }
}
