package io.spillover.sim.internal;

import io.spillover.Pricing;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.Invocation;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A simulated function platform with Lambda's published behaviour, registered as provider
 * {@code "lambda"}: one request per instance; a warm idle instance is reused (the most recently
 * used first), else a new one starts with a cold start, at most {@link PlatformSpec#burstPer10s}
 * new ones per 10 s; at the account's concurrency limit, or past the burst rate, the invocation is
 * throttled (429). Billing per ms of handler time plus the init phase of every cold start (as
 * Lambda bills since August 2025) and the request fee. The handler itself is the real
 * {@link FunctionApp} dispatch of the envelope; only its duration is simulated.
 */
public final class FunctionPlatform implements FunctionProvider {
  /** How long the handler of {@code service} runs, in nanoseconds. */
  @FunctionalInterface
  public interface ExecTime {
    long nanos(String service, SplittableRandom random);
  }

  private final EventLoop loop;
  private final PlatformSpec spec;
  private final FunctionApp app;
  private final ExecTime execTime;
  private final SplittableRandom random;
  private final Pricing pricing;
  /** Idle instances: the time each became idle, most recent last. */
  private final ArrayDeque<Long> idle = new ArrayDeque<>();
  private int busy;
  private double burstTokens;
  private long tokensAt;
  private long invocations;
  private long coldStarts;
  private long throttled;
  private double billedUsd;
  private int peakConcurrency;

  public FunctionPlatform(EventLoop loop, PlatformSpec spec, FunctionApp app, ExecTime execTime,
      long seed) {
    this.loop = loop;
    this.spec = spec;
    this.app = app;
    this.execTime = execTime;
    this.random = new SplittableRandom(seed);
    this.pricing = Pricing.awsLambda(spec.memoryMb());
    this.burstTokens = spec.burstPer10s();
    for (int i = 0; i < spec.prewarmed(); i++) {
      // a pre-warmed instance paid its init once, before the run, with a short invocation
      billedUsd += initPrice(coldMillis()) + pricing.priceOf(1);
      idle.addLast(loop.nanoTime());
    }
  }

  @Override
  public String name() {
    return "lambda";
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    return new FunctionInvoker() {
      @Override
      public CompletableFuture<byte[]> invoke(Invocation invocation) {
        return FunctionPlatform.this.invoke(invocation);
      }

      @Override
      public int maxRequestBytes() {
        return 6 * 1024 * 1024; // Lambda's synchronous payload limit
      }
    };
  }

  CompletableFuture<byte[]> invoke(Invocation inv) {
    long now = loop.nanoTime();
    long half = (long) (spec.overheadMillis() * 500_000);
    reclaim(now);
    boolean cold = idle.isEmpty();
    if (busy >= spec.accountConcurrency() || (cold && !takeBurstToken(now))) {
      throttled++;
      CompletableFuture<byte[]> f = new CompletableFuture<>();
      loop.after(2 * half, () -> f.completeExceptionally(new FunctionThrottledException(
          "429 TooManyRequestsException: concurrency limit " + spec.accountConcurrency()
              + " or scaling rate reached")));
      return f;
    }
    long initNanos = 0;
    if (cold) {
      coldStarts++;
      double init = coldMillis();
      initNanos = (long) (init * 1e6);
      billedUsd += initPrice(init);
    } else {
      idle.pollLast();
    }
    busy++;
    peakConcurrency = Math.max(peakConcurrency, busy);
    invocations++;
    byte[] reply = app.dispatch(inv.payload());
    long exec = execTime.nanos(inv.service(), random);
    billedUsd += pricing.priceOf((exec + 999_999) / 1_000_000);
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    loop.after(half + initNanos + exec, () -> {
      busy--;
      idle.addLast(loop.nanoTime());
      loop.after(half, () -> f.complete(reply));
    });
    return f;
  }

  private double coldMillis() {
    double g = random.nextGaussian();
    return spec.coldMedianMillis() * Math.exp(spec.coldSigma() * g);
  }

  private double initPrice(double initMillis) {
    return pricing.withInit(java.time.Duration.ofMillis((long) Math.ceil(initMillis)))
        .priceOfInit();
  }

  /** Lambda adds up to {@code burstPer10s} instances per 10 s: a bucket refilled evenly. */
  private boolean takeBurstToken(long now) {
    burstTokens = Math.min(spec.burstPer10s(),
        burstTokens + (now - tokensAt) / 1e10 * spec.burstPer10s());
    tokensAt = now;
    if (burstTokens < 1) {
      return false;
    }
    burstTokens -= 1;
    return true;
  }

  /** Idle instances past the keep-alive are gone (the oldest idle first). */
  private void reclaim(long now) {
    long keep = (long) (spec.keepAliveSeconds() * 1e9);
    while (!idle.isEmpty() && now - idle.peekFirst() > keep) {
      idle.pollFirst();
    }
  }

  public long invocations() {
    return invocations;
  }

  public long coldStarts() {
    return coldStarts;
  }

  public long throttled() {
    return throttled;
  }

  public double billedUsd() {
    return billedUsd;
  }

  public int peakConcurrency() {
    return peakConcurrency;
  }

  public int busy() {
    return busy;
  }
}
