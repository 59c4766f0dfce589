package io.spillover.bench;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A whole local call: the service function run through a spillway that admits it locally (a
 * registry with no provider, a fixed limit it never reaches), against the same function through a
 * Resilience4j semaphore bulkhead ({@code Bulkhead.decorateSupplier}) and called bare. The function
 * returns its argument, so the figure is the wrapper's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class LocalCallBenchmark {
  /** The request and the reply: one object, so the service function allocates nothing. */
  public static final class Request {
    final int value;

    Request(int value) {
      this.value = value;
    }
  }

  static final Function<Request, Request> SERVICE = r -> r;

  SpilloverRegistry registry;
  Spillway<Request, Request> spillwayFixed;
  Spillway<Request, Request> spillwayAdaptive;
  Supplier<Request> bulkheadSupplier;
  Request request;
  Function<Request, Request> service;

  @Setup
  public void setUp() {
    request = new Request(42);
    service = SERVICE;
    registry = SpilloverRegistry.builder().tickInterval(Duration.ZERO).build();
    spillwayFixed = registry.spillway("local-fixed",
        SpillwayConfig.custom().limit(Limits.fixed(AdmissionBenchmark.HUGE)).build(),
        Request.class, Request.class);
    spillwayAdaptive = registry.spillway("local-adaptive",
        SpillwayConfig.custom().limit(Limits.adaptive()).latencySampling(16).build(),
        Request.class, Request.class);
    Bulkhead bulkhead = Bulkhead.of("bench", BulkheadConfig.custom()
        .maxConcurrentCalls(AdmissionBenchmark.HUGE).maxWaitDuration(Duration.ZERO).build());
    Request r = request;
    bulkheadSupplier = Bulkhead.decorateSupplier(bulkhead, () -> SERVICE.apply(r));
  }

  @TearDown
  public void tearDown() {
    registry.close();
  }

  @Benchmark
  public Request baselineBare() {
    return service.apply(request);
  }

  @Benchmark
  public Request spilloverFixed() {
    return spillwayFixed.call(request, service);
  }

  /** The default adaptive limit with latency sampled one call in 16. */
  @Benchmark
  public Request spilloverAdaptiveSampled() {
    return spillwayAdaptive.call(request, service);
  }

  @Benchmark
  public Request resilience4jBulkhead() {
    return bulkheadSupplier.get();
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(LocalCallBenchmark.class.getSimpleName()).build())
        .run();
  }
}
