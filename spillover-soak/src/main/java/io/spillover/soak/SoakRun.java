package io.spillover.soak;

import io.spillover.CallOptions;
import io.spillover.SpilloverException;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.soak.FaultyTwin.Done;
import io.spillover.soak.FaultyTwin.Fault;
import io.spillover.soak.FaultyTwin.Work;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One soak: a spillway with a local limit of {@value #LOCAL_LIMIT} and a local service time of
 * {@value #LOCAL_MILLIS} ms (so a local capacity of 40 calls/s) driven open-loop at 80 calls/s,
 * non-idempotent, spilling to {@link FaultyTwin} on the local platform (a per-function cap of 3,
 * so the platform's 429s come on their own). 5 % of calls carry a fault for the twin; besides,
 * every 15 s the soak kills a worker JVM from outside.
 */
public final class SoakRun {
  static final int LOCAL_LIMIT = 2;
  static final long LOCAL_MILLIS = 50;
  private static final long RATE_PER_SECOND = 80;
  private static final long MAX_LATENCY_MS = 600_000;
  private final Duration length;
  private final Path work;
  private final AtomicLong results = new AtomicLong();
  private final AtomicLong typed = new AtomicLong();
  private final AtomicLong untyped = new AtomicLong();
  // one small fixed-size histogram per minute, reduced to its p99 once the minute's calls have
  // all ended: the soak's own bookkeeping must not grow with the calls, or it reads as a leak
  private final Map<Integer, Histogram> latencies = new ConcurrentHashMap<>();
  private final Map<Integer, Long> p99ByMinute = new ConcurrentHashMap<>();

  /** A soak of {@code length} with its claims and the platform's files under {@code work}. */
  public SoakRun(Duration length, Path work) {
    this.length = length;
    this.work = work;
  }

  /** Runs the soak, shuts everything down and reports. */
  public SoakReport run() throws IOException, InterruptedException {
    Path claims = Files.createDirectories(work.resolve("claims"));
    int threadsStart = threads();
    long processesStart = processes();
    List<Long> heap = new ArrayList<>();
    long calls = 0;
    LocalPlatform platform = LocalPlatform.builder()
        .functions(FunctionSpec.lambda("soak-twin", FaultyTwin.Handler.class.getName()).build())
        .perFunctionConcurrency(3).maxConcurrency(3).workDir(work.resolve("platform"))
        .build().start();
    ExecutorService callers = Executors.newFixedThreadPool(64);
    try (SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(LambdaProvider.builder().region("us-east-1")
            .endpointOverride(platform.endpoint().toString())
            .credentials("AKIDLOCALPLATFORM", "local-secret").build())
        .build()) {
      Spillway<Work, Done> spillway = registry.spillway("soak", SpillwayConfig.custom()
          .limit(Limits.fixed(LOCAL_LIMIT)).function(FunctionRef.of("lambda", "soak-twin"))
          .timeout(Duration.ofSeconds(5)).idempotent(false).build(), Work.class, Done.class);
      CallOptions options = CallOptions.builder().idempotent(false).build();
      long start = System.nanoTime();
      long end = start + length.toNanos();
      long intervalNanos = 1_000_000_000L / RATE_PER_SECOND;
      long nextKill = start + TimeUnit.SECONDS.toNanos(15);
      int minute = 0;
      for (long next = start; next < end; next += intervalNanos) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        long id = ++calls;
        int bucket = (int) ((next - start) / 60_000_000_000L);
        if (bucket > minute) {
          // every call of two minutes ago has ended by now (its deadline is 5 s)
          finishMinute(bucket - 2);
          heap.add(heapAfterGcMb());
          minute = bucket;
        }
        if (next >= nextKill) {
          killOneWorker();
          nextKill += TimeUnit.SECONDS.toNanos(15);
        }
        Work w = new Work(id, claims.toString(), fault(id));
        long scheduled = next;
        callers.execute(() -> call(spillway, options, w, scheduled, start));
      }
      callers.shutdown();
      callers.awaitTermination(2, TimeUnit.MINUTES);
      heap.add(heapAfterGcMb());
    } finally {
      callers.shutdownNow();
      platform.close();
    }
    long processesEnd = settle(() -> processes(), processesStart);
    int threadsEnd = (int) settle(() -> threads(), threadsStart);
    if (threadsEnd > threadsStart) {
      // name them: a leak report is only useful with the culprits
      Thread.getAllStackTraces().keySet().forEach(t -> System.err.println(
          "soak: thread alive after shutdown: " + t.getName() + " daemon=" + t.isDaemon()));
    }
    long lost = calls - results.get() - typed.get();
    latencies.keySet().forEach(this::finishMinute);
    List<Long> p99 = new ArrayList<>();
    for (int m = 0; p99ByMinute.containsKey(m); m++) {
      p99.add(p99ByMinute.get(m));
    }
    return new SoakReport((int) length.toMinutes(), calls, results.get(), typed.get(), lost,
        duplicates(claims), p99, heap, threadsStart, threadsEnd, processesStart, processesEnd);
  }

  /** 5 % faults: 3 % function errors, 2 % slow replies, of which 1 in 5 kills the worker. */
  static Fault fault(long id) {
    long r = id % 100;
    if (r < 3) {
      return Fault.ERROR;
    }
    if (r < 5) {
      return id % 500 == 4 ? Fault.KILL_WORKER : Fault.SLOW;
    }
    return Fault.NONE;
  }

  private void call(Spillway<Work, Done> spillway, CallOptions options, Work w, long scheduled,
      long start) {
    try {
      spillway.call(w, options, r -> FaultyTwin.local(r, LOCAL_MILLIS));
      results.incrementAndGet();
    } catch (SpilloverException e) {
      typed.incrementAndGet();
    } catch (RuntimeException e) {
      // not lost (it ended) but not typed either: counted as lost by the report's sum
      untyped.incrementAndGet();
      System.err.println("soak: untyped outcome " + e);
    }
    long now = System.nanoTime();
    int minute = (int) ((scheduled - start) / 60_000_000_000L);
    latencies.computeIfAbsent(minute, m -> new ConcurrentHistogram(MAX_LATENCY_MS, 3))
        .recordValue(Math.min(MAX_LATENCY_MS, Math.max(0, (now - scheduled) / 1_000_000L)));
  }

  private void finishMinute(int m) {
    Histogram h = latencies.remove(m);
    if (h != null) {
      p99ByMinute.put(m, h.getValueAtPercentile(99));
    }
  }

  private static long duplicates(Path claims) throws IOException {
    try (Stream<Path> files = Files.list(claims)) {
      return files.filter(p -> p.getFileName().toString().startsWith("dup-")).count();
    }
  }

  private static void killOneWorker() {
    ProcessHandle.current().children().filter(ProcessHandle::isAlive).findAny()
        .ifPresent(ProcessHandle::destroyForcibly);
  }

  private static long heapAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /**
   * The live threads, less the JVM-wide shared pools that the JDK and OkHttp start on first use
   * and retire by themselves after about a minute idle (seen after the first soak: 4 common-pool
   * workers, 3 process reapers, OkHttp's task runner and Okio's watchdog, no Spillover or platform
   * thread). Counting them would call a leak what is a cache of the JVM's.
   */
  static int threads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> SHARED_POOLS.stream().noneMatch(t.getName()::startsWith)).count();
  }

  private static final List<String> SHARED_POOLS = List.of("ForkJoinPool.commonPool-worker",
      "process reaper", "OkHttp TaskRunner", "Okio Watchdog");

  static long processes() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
  }

  /** Waits up to 15 s for a count to come back to {@code target}; the last count seen. */
  private static long settle(java.util.function.LongSupplier count, long target)
      throws InterruptedException {
    long seen = count.getAsLong();
    for (int i = 0; i < 150 && seen > target; i++) {
      Thread.sleep(100);
      seen = count.getAsLong();
    }
    return seen;
  }
}
