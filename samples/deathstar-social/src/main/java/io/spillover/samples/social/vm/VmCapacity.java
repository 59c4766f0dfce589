package io.spillover.samples.social.vm;

import io.spillover.limit.Limits;
import io.spillover.limit.SettableLimit;
import java.util.concurrent.Semaphore;

/**
 * The worker pool of one logic service on the VM side: the workers its calls run on
 * ({@link #run}, first come first served) and, in the lab's usual setups, the limit of its
 * spillway too ({@link #limit()}: the core's settable limit, kept at the pool's size). The size changes at run time when the autoscaler adds
 * VMs, a VM is lost, or the VM's CPU is taken away and given back (Elastic CVM); calls in flight
 * finish, and a shrunk pool lets new calls start only as its workers free up.
 */
public final class VmCapacity {
  private final Workers pool = new Workers();
  private int size;
  private volatile int workers;
  private SettableLimit limit;

  public VmCapacity(int workers) {
    resize(workers);
  }

  /** Changes the pool's size (VMs added or lost, CPU taken or given back). */
  public synchronized void resize(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("a pool needs at least one worker, was " + workers);
    }
    int delta = workers - size;
    if (delta > 0) {
      pool.release(delta);
    } else if (delta < 0) {
      pool.shrink(-delta);
    }
    size = workers;
    this.workers = workers;
    if (limit == null) {
      limit = Limits.settable(workers);
    } else {
      limit.set(workers);
    }
  }

  public int workers() {
    return workers;
  }

  /** Runs {@code work} on a worker, waiting in line for one when all are busy. */
  public void run(Runnable work) {
    pool.acquireUninterruptibly();
    try {
      work.run();
    } finally {
      pool.release();
    }
  }

  /** A limit that is always the pool's size: a spillway with it admits a call per worker. */
  public synchronized SettableLimit limit() {
    return limit;
  }

  /** A fair semaphore that can lose permits still held (they are not handed out again). */
  private static final class Workers extends Semaphore {
    private static final long serialVersionUID = 1L;

    Workers() {
      super(0, true);
    }

    void shrink(int by) {
      reducePermits(by);
    }
  }
}
