package io.spillover.samples.inference.demo;

import io.spillover.samples.inference.vm.VmInference;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one phase's arrivals open-loop: each at its due time, whatever the earlier ones are
 * doing, from a bounded pool of client threads (its queue is bounded too; a request that finds
 * both full is counted as failed, never dropped). Latency runs from the due time, so time spent
 * waiting for a client thread counts against the service, as it would for a real caller.
 */
final class PhaseRunner {
  private static final int CLIENTS = 600;
  private static final int QUEUE = 10_000;

  private PhaseRunner() {}

  static PhaseRecorder run(VmInference vm, List<SpikeLoad.Arrival> arrivals, double seconds,
      long drainMillis) throws InterruptedException {
    PhaseRecorder rec = new PhaseRecorder(seconds);
    ThreadPoolExecutor clients = new ThreadPoolExecutor(CLIENTS, CLIENTS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE));
    CountDownLatch done = new CountDownLatch(arrivals.size());
    long start = System.nanoTime();
    try {
      for (SpikeLoad.Arrival a : arrivals) {
        long wait = start + a.dueNanos() - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        rec.arrival(a.dueNanos());
        try {
          clients.execute(() -> {
            try {
              rec.answered(a, vm.infer(a.tenant(), a.request()), System.nanoTime() - start);
            } catch (RuntimeException e) {
              rec.failed(a, e);
            } finally {
              done.countDown();
            }
          });
        } catch (RejectedExecutionException e) {
          rec.failed(a, e);
          done.countDown();
        }
      }
      done.await(drainMillis, TimeUnit.MILLISECONDS);
      return rec;
    } finally {
      clients.shutdownNow();
    }
  }
}
