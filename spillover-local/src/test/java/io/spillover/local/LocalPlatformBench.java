package io.spillover.local;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures the local platform on loopback (not a test: run it by hand, see
 * docs/local-platform.md): cold-start and warm latency per kind, and invocations per second with
 * as many closed-loop clients as the concurrency cap.
 */
public final class LocalPlatformBench {
  private LocalPlatformBench() {}

  public static void main(String[] args) throws Exception {
    int colds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int warms = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    int cap = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    long seconds = args.length > 3 ? Long.parseLong(args[3]) : 10;
    System.out.printf(Locale.ROOT, "cores %d, java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (FunctionKind kind : FunctionKind.values()) {
      cold(kind, colds);
      warmAndThroughput(kind, warms, cap, seconds);
    }
  }

  private static Fixtures.Reply call(LocalPlatform p, FunctionKind kind, String fn, byte[] body)
      throws IOException {
    return kind == FunctionKind.LAMBDA ? Fixtures.invokeLambda(p, fn, body)
        : Fixtures.invokeAction(p, fn, body, 60_000);
  }

  private static FunctionSpec spec(FunctionKind kind, String name) {
    return (kind == FunctionKind.LAMBDA ? Fixtures.lambda(name) : Fixtures.action(name)).build();
  }

  private static void cold(FunctionKind kind, int n) throws Exception {
    List<FunctionSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      specs.add(spec(kind, "cold-" + i));
    }
    Histogram h = new Histogram(3);
    try (LocalPlatform p = LocalPlatform.builder().functions(specs).maxConcurrency(n)
        .workDir(Files.createTempDirectory("bench-cold")).build().start()) {
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        Fixtures.Reply r = call(p, kind, "cold-" + i, Fixtures.echo("c"));
        h.recordValue((System.nanoTime() - t0) / 1000);
        check(r, true);
      }
      System.out.printf(Locale.ROOT, "%-9s cold start  n=%-5d p50 %8.1f ms  p99 %8.1f ms"
          + "  (runtime %s)%n", kind, n, h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0, p.stats().lambdaRuntime());
    }
  }

  private static void warmAndThroughput(FunctionKind kind, int n, int cap, long seconds)
      throws Exception {
    try (LocalPlatform p = LocalPlatform.builder().functions(spec(kind, "warm"))
        .maxConcurrency(cap).workDir(Files.createTempDirectory("bench-warm")).build().start()) {
      for (int i = 0; i < n / 3; i++) {
        call(p, kind, "warm", Fixtures.echo("w"));
      }
      Histogram h = new Histogram(3);
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        byte[] body = Fixtures.echo("w"); // a fresh id: a repeated one gets the cached reply
        Fixtures.Reply r = call(p, kind, "warm", body);
        h.recordValue((System.nanoTime() - t0) / 1000);
        check(r, false);
      }
      System.out.printf(Locale.ROOT, "%-9s warm        n=%-5d p50 %8.2f ms  p99 %8.2f ms%n",
          kind, n, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);

      ExecutorService clients = Executors.newFixedThreadPool(cap);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<long[]>> results = new ArrayList<>();
      for (int c = 0; c < cap; c++) {
        results.add(clients.submit(() -> {
          long ok = 0;
          long throttled = 0;
          while (System.nanoTime() < end) {
            int code = call(p, kind, "warm", Fixtures.echo("t")).code();
            if (code == 200) {
              ok++;
            } else if (code == 429) {
              throttled++;
            }
          }
          return new long[] {ok, throttled};
        }));
      }
      long ok = 0;
      long throttled = 0;
      for (Future<long[]> f : results) {
        ok += f.get()[0];
        throttled += f.get()[1];
      }
      clients.shutdown();
      System.out.printf(Locale.ROOT, "%-9s at cap %-3d %8.0f invocations/s (%d throttled),"
          + " instances %d, billed %.3f GB-s%n", kind, cap, ok / (double) seconds, throttled,
          p.stats().instances(), p.stats().billedGbSeconds());
    }
  }

  private static void check(Fixtures.Reply r, boolean cold) {
    if (r.code() != 200 || r.json().get("cold").asBoolean() != cold) {
      throw new IllegalStateException("unexpected reply " + r.code() + " " + r.text());
    }
  }

}
