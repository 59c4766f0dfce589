package io.spillover.bench;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.spillover.SpilloverClock;
import io.spillover.limit.AdmissionLimiter;
import io.spillover.limit.LimitFactory;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One local-path admission: acquire a permit and release it at once, with no work between, so
 * what is measured is the limiter alone. Every limiter is set so it never refuses (the benchmark
 * fails if one does). All limiters are shared by the benchmark threads, as a service's limiter is;
 * run with {@code -t 2} for the contended case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class AdmissionBenchmark {
  /** Far above anything two threads can hold: the limit is never reached. */
  static final int HUGE = 1 << 20;
  static final Duration SLO = Duration.ofMillis(100);

  AdmissionLimiter fixed;
  AdmissionLimiter adaptive;
  AdmissionLimiter adaptiveSampled;
  AdmissionLimiter aimd;
  Bulkhead bulkhead;
  Limiter<Void> netflixFixed;
  Limiter<Void> netflixGradient2;
  final AtomicInteger counter = new AtomicInteger();

  @Setup
  public void setUp() {
    fixed = limiter(Limits.fixed(HUGE), 1);
    adaptive = limiter(Limits.adaptive(), 1);
    adaptiveSampled = limiter(Limits.adaptive(), 16);
    aimd = limiter(Limits.aimd().build(), 1);
    bulkhead = Bulkhead.of("bench", BulkheadConfig.custom()
        .maxConcurrentCalls(HUGE).maxWaitDuration(Duration.ZERO).build());
    netflixFixed = SimpleLimiter.newBuilder().limit(FixedLimit.of(HUGE)).build();
    netflixGradient2 = SimpleLimiter.newBuilder().limit(Gradient2Limit.newDefault()).build();
  }

  private static AdmissionLimiter limiter(LimitFactory factory, int sampleEvery) {
    return new AdmissionLimiter(factory.create(SLO), SpilloverClock.system(), sampleEvery, 0);
  }

  @Benchmark
  public long baselineAtomic() {
    counter.incrementAndGet();
    return counter.decrementAndGet();
  }

  /** One monotonic clock read: the unit an adaptive limit pays twice per timed call. */
  @Benchmark
  public long baselineNanoTime() {
    return System.nanoTime();
  }

  @Benchmark
  public long spilloverFixed() {
    return acquireRelease(fixed);
  }

  @Benchmark
  public long spilloverAdaptive() {
    return acquireRelease(adaptive);
  }

  @Benchmark
  public long spilloverAdaptiveSampled() {
    return acquireRelease(adaptiveSampled);
  }

  @Benchmark
  public long spilloverAimd() {
    return acquireRelease(aimd);
  }

  @Benchmark
  public boolean resilience4jBulkhead() {
    if (!bulkhead.tryAcquirePermission()) {
      throw new IllegalStateException("bulkhead refused");
    }
    bulkhead.onComplete();
    return true;
  }

  @Benchmark
  public Limiter.Listener netflixFixed() {
    return acquireRelease(netflixFixed);
  }

  @Benchmark
  public Limiter.Listener netflixGradient2() {
    return acquireRelease(netflixGradient2);
  }

  private static long acquireRelease(AdmissionLimiter limiter) {
    long permit = limiter.tryAcquire();
    if (permit == AdmissionLimiter.NO_PERMIT) {
      throw new IllegalStateException("limiter refused at limit " + limiter.limit());
    }
    limiter.release(permit, false);
    return permit;
  }

  private static Limiter.Listener acquireRelease(Limiter<Void> limiter) {
    Optional<Limiter.Listener> listener = limiter.acquire(null);
    if (listener.isEmpty()) {
      throw new IllegalStateException("limiter refused");
    }
    Limiter.Listener l = listener.get();
    l.onSuccess();
    return l;
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(AdmissionBenchmark.class.getSimpleName()).build())
        .run();
  }
}
