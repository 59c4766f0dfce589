package io.spillover.testing;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.Invocation;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A function platform on a manual clock with a concurrency cap for the whole function, as
 * Lambda's reserved concurrency: an invocation over the cap is throttled at once; the others end
 * {@code serviceTime} later, when the test moves the clock and calls {@link #advance()}. Not
 * thread-safe: one driver thread invokes and advances.
 */
public final class CappedPlatform implements FunctionProvider {
  private final ManualClock clock;
  private final FunctionApp app;
  private final int cap;
  private final long serviceNanos;
  private final PriorityQueue<Running> running = new PriorityQueue<>();
  private long sequence;
  private long throttles;
  private long served;

  public CappedPlatform(ManualClock clock, FunctionApp app, int cap, Duration serviceTime) {
    this.clock = clock;
    this.app = app;
    this.cap = cap;
    this.serviceNanos = serviceTime.toNanos();
  }

  @Override
  public String name() {
    return "capped";
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    return new FunctionInvoker() {
      @Override
      public CompletableFuture<byte[]> invoke(Invocation invocation) {
        return start(invocation);
      }

      @Override
      public int maxRequestBytes() {
        return 6 * 1024 * 1024;
      }
    };
  }

  private CompletableFuture<byte[]> start(Invocation invocation) {
    if (running.size() >= cap) {
      throttles++;
      return CompletableFuture.failedFuture(new FunctionThrottledException("429: cap " + cap));
    }
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    running.add(new Running(clock.nanoTime() + serviceNanos, sequence++, invocation, reply));
    return reply;
  }

  /** Ends every invocation whose service time has passed on the clock. */
  public void advance() {
    long now = clock.nanoTime();
    while (!running.isEmpty() && running.peek().endsAt <= now) {
      Running r = running.poll();
      r.reply.complete(app.dispatch(r.invocation.payload()));
      served++;
    }
  }

  public int inflight() {
    return running.size();
  }

  public long throttles() {
    return throttles;
  }

  public long served() {
    return served;
  }

  private record Running(long endsAt, long seq, Invocation invocation,
      CompletableFuture<byte[]> reply) implements Comparable<Running> {
    @Override
    public int compareTo(Running o) {
      return endsAt != o.endsAt ? Long.compare(endsAt, o.endsAt) : Long.compare(seq, o.seq);
    }
  }
}
