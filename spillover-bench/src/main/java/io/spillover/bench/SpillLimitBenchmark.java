package io.spillover.bench;

import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.bench.support.InMemoryFleetStore;
import io.spillover.bench.support.Post;
import io.spillover.bench.support.SpillingSpillway;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a spilled call with the spill concurrency fixed (today's budget,
 * {@code adaptiveSpillConcurrency(false)}), with the adaptive spill limit, and with the adaptive
 * limit plus a fleet store (a fleet-wide spend cap and in-flight cap). The function runs in
 * process, so the figures are the spill path's own work; the fleet store is an in-memory fake,
 * because a real store's round trips run in the background and are not on the call's path.
 * Every call spills: each spillway's one local permit is held for the whole run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpillLimitBenchmark {
  static final Function<Post, Post> MUST_NOT_RUN_LOCALLY = p -> {
    throw new IllegalStateException("the benchmark call ran locally: the held permit was lost");
  };

  SpillingSpillway fixed;
  SpillingSpillway adaptive;
  SpillingSpillway fleet;
  Post post;

  @Setup
  public void setUp() throws Exception {
    Codec codec = Codec.json();
    FunctionApp app = FunctionApp.builder().codec(codec).replayCacheSize(500_000)
        .handle("svc", Post.class, Post.class, p -> p).build();
    post = Post.ofSize(1024);
    fixed = spilling(app, codec, null, b -> b.adaptiveSpillConcurrency(false));
    adaptive = spilling(app, codec, null, b -> b.adaptiveSpillConcurrency(true));
    fleet = spilling(app, codec, new InMemoryFleetStore(64), b -> b.adaptiveSpillConcurrency(true)
        .fleetMaxConcurrentSpills(1000).fleetSpendCapPerHour(1e12));
  }

  private static SpillingSpillway spilling(FunctionApp app, Codec codec,
      InMemoryFleetStore store, java.util.function.UnaryOperator<SpillwayConfig.Builder> how)
      throws InterruptedException {
    SpilloverRegistry.Builder registry = SpilloverRegistry.builder().codec(codec)
        .tickInterval(Duration.ZERO).provider(InProcessProvider.create().deploy("twin", app));
    if (store != null) {
      registry.fleet(store);
    }
    return new SpillingSpillway(registry.build(), "svc", how.apply(SpillwayConfig.custom()
        .function(FunctionRef.of("in-process", "twin")).timeout(Duration.ofSeconds(1))
        .maxConcurrentSpills(64)).build());
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    // close() checks that no call but the permit holder's ran locally
    fixed.close();
    adaptive.close();
    fleet.close();
  }

  /** Today's fixed spill budget. */
  @Benchmark
  public Post fixedBudget() {
    return fixed.spillway().call(post, MUST_NOT_RUN_LOCALLY);
  }

  /** The adaptive spill limit (the default). */
  @Benchmark
  public Post adaptiveLimit() {
    return adaptive.spillway().call(post, MUST_NOT_RUN_LOCALLY);
  }

  /** The adaptive limit with a fleet store: a leased permit and the fleet's spend, in memory. */
  @Benchmark
  public Post adaptiveWithFleet() {
    return fleet.spillway().call(post, MUST_NOT_RUN_LOCALLY);
  }
}
