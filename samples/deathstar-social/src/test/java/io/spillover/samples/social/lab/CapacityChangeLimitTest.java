package io.spillover.samples.social.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import io.spillover.samples.social.vm.VmCapacity;
import io.spillover.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Elastic CVM with a manual clock: the core's AIMD limit in front of a {@link VmCapacity} pool
 * whose workers the VM loses and gets back at run time. Calls arrive at 60/s and take 50 ms on a
 * worker, queueing first-come first-served when all workers are busy (a discrete-event model on
 * the spillway's clock, so the limit sees the queueing only as latency). Four workers carry the
 * load (75 % busy); two cannot (150 %). The limit must fall while the workers are halved, the
 * spill must cover the gap, and both must come back when the workers do.
 */
class CapacityChangeLimitTest {
  private static final long MS = 1_000_000L;
  private static final long SERVICE = 50 * MS;
  private final ManualClock clock = new ManualClock();
  private final InProcessProvider twin = InProcessProvider.named("twin").deploy("fn",
      FunctionApp.builder().handle("svc", String.class, String.class, s -> "fn:" + s).build());
  private final SpilloverRegistry registry = SpilloverRegistry.builder().clock(clock)
      .tickInterval(Duration.ZERO).provider(twin).build();

  @AfterEach
  void close() {
    registry.close();
    twin.close();
  }

  /** A call that got a permit and waits for, or runs on, a worker. */
  private record Job(CompletableFuture<String> done) {}

  @Test
  void theAdaptiveLimitFollowsTheWorkersDownAndUpAndTheSpillCoversTheGap() {
    VmCapacity pool = new VmCapacity(4);
    Spillway<String, String> sw = registry.spillway("svc", SpillwayConfig.custom()
        .limit(Limits.aimd().initial(4).min(1).max(16).slo(Duration.ofMillis(110)).build())
        .function(FunctionRef.of("twin", "fn")).maxConcurrentSpills(1000).build(),
        String.class, String.class);
    ArrayDeque<Job> queue = new ArrayDeque<>();
    PriorityQueue<long[]> running = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
    List<Job> inService = new ArrayList<>();
    List<CompletionStage<String>> spills = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(11);
    long next = clock.nanoTime();
    long[] spilledAt = new long[61];
    double[] limitSum = new double[61];
    int[] limitSamples = new int[61];
    for (int second = 0; second < 60; second++) {
      pool.resize(second < 20 || second >= 40 ? 4 : 2); // half the CPU taken at 20 s, back at 40 s
      long end = 1_000_000_000L * (second + 2);
      while (true) {
        long completion = running.isEmpty() ? Long.MAX_VALUE : running.peek()[0];
        long t = Math.min(next, completion);
        if (t >= end) {
          break;
        }
        clock.advance(Duration.ofNanos(t - clock.nanoTime()));
        if (t == next) {
          next += (long) (-Math.log(1 - random.nextDouble()) / 60 * 1e9);
          Job job = new Job(new CompletableFuture<>());
          boolean[] admitted = {false};
          CompletionStage<String> call = sw.callAsync("x", s -> {
            admitted[0] = true;
            queue.add(job);
            return job.done();
          });
          if (!admitted[0]) {
            spills.add(call); // not admitted: it spills and answers on the twin's threads
          }
        } else {
          long[] r = running.poll();
          inService.get((int) r[1]).done().complete("ok"); // releases the permit: a sample
        }
        while (running.size() < pool.workers() && !queue.isEmpty()) {
          inService.add(queue.poll());
          running.add(new long[] {clock.nanoTime() + SERVICE, inService.size() - 1});
        }
        limitSum[second] += sw.metrics().limit();
        limitSamples[second]++;
      }
      clock.advance(Duration.ofNanos(end - clock.nanoTime()));
      spills.forEach(c -> assertThat(c.toCompletableFuture().join()).isEqualTo("fn:x"));
      spills.clear();
      spilledAt[second + 1] = sw.metrics().calls(Route.FUNCTION, Outcome.SUCCESS);
    }
    double before = mean(limitSum, limitSamples, 10, 20);
    double lost = mean(limitSum, limitSamples, 25, 40);
    double after = mean(limitSum, limitSamples, 50, 60);
    assertThat(spilledAt[20] - spilledAt[5]).as("four workers carry the load").isZero();
    assertThat(lost).as("the limit falls to what two workers can take").isLessThan(before)
        .isLessThan(7);
    long spilledWhileLost = spilledAt[40] - spilledAt[20];
    assertThat(spilledWhileLost).as("the spill covers the missing third of the load")
        .isGreaterThan(15L * 20 / 2);
    assertThat(after).as("the limit grows back with the workers").isGreaterThan(lost + 2);
    assertThat(spilledAt[60] - spilledAt[45]).as("and the spill stops").isZero();
    assertThat(sw.metrics().calls(Route.LOCAL, Outcome.ERROR)).isZero();
  }

  private static double mean(double[] sum, int[] n, int from, int to) {
    double s = 0;
    int k = 0;
    for (int i = from; i < to; i++) {
      s += sum[i];
      k += n[i];
    }
    return s / k;
  }
}
