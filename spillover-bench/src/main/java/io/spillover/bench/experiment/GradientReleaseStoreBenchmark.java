package io.spillover.bench.experiment;

import io.spillover.SpilloverClock;
import io.spillover.limit.AdmissionLimiter;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

/**
 * The proposed gradient-limit change ({@link GradientLimitCopy}) against its control copy and the
 * core's own class, each timed on every call as {@code AdmissionBenchmark.spilloverAdaptive}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class GradientReleaseStoreBenchmark {
  static final Duration SLO = Duration.ofMillis(100);

  AdmissionLimiter core;
  AdmissionLimiter copyControl;
  AdmissionLimiter copyReleaseStore;

  @Setup
  public void setUp() {
    core = new AdmissionLimiter(Limits.adaptive().create(SLO), SpilloverClock.system(), 1, 0);
    copyControl = new AdmissionLimiter(new GradientLimitCopy(SLO, false), SpilloverClock.system(),
        1, 0);
    copyReleaseStore = new AdmissionLimiter(new GradientLimitCopy(SLO, true),
        SpilloverClock.system(), 1, 0);
  }

  @Benchmark
  public long core() {
    return acquireRelease(core);
  }

  @Benchmark
  public long copyControl() {
    return acquireRelease(copyControl);
  }

  @Benchmark
  public long copyReleaseStore() {
    return acquireRelease(copyReleaseStore);
  }

  private static long acquireRelease(AdmissionLimiter limiter) {
    long permit = limiter.tryAcquire();
    if (permit == AdmissionLimiter.NO_PERMIT) {
      throw new IllegalStateException("limiter refused at limit " + limiter.limit());
    }
    limiter.release(permit, false);
    return permit;
  }
}
