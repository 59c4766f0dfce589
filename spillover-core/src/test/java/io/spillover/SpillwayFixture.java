package io.spillover;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import io.spillover.testing.Blocker;
import io.spillover.testing.ManualClock;
import io.spillover.testing.ScriptedProvider;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A registry with a scripted provider whose function twin echoes with a "fn:" prefix. */
final class SpillwayFixture implements AutoCloseable {
  final ManualClock clock = new ManualClock();
  final AtomicInteger twinRuns = new AtomicInteger();
  final FunctionApp app = FunctionApp.builder()
      .handle("svc", Echo.class, Echo.class, e -> {
        twinRuns.incrementAndGet();
        if ("boom".equals(e.text)) {
          throw new IllegalStateException("twin failed");
        }
        return Echo.of("fn:" + e.text);
      })
      .sealedCallOpener((svc, id, deadline, session, ct) ->
          new io.spillover.seal.SealedCallOpener.OpenedCall() {
            @Override public byte[] body() { return ConfidentialRoutingTest.reverse(ct); }
            @Override public String caller() { return "test"; }
            @Override public byte[] sealReply(byte[] reply) {
              return ConfidentialRoutingTest.reverse(reply);
            }
          })
      .build();
  final ScriptedProvider provider = new ScriptedProvider(app);
  final SpilloverRegistry registry;
  final Blocker blocker = new Blocker();

  SpillwayFixture() {
    this(SpilloverRegistry.builder());
  }

  SpillwayFixture(SpilloverRegistry.Builder builder) {
    registry = builder.provider(provider).clock(clock).tickInterval(Duration.ZERO).build();
  }

  static SpillwayConfig.Builder config() {
    return SpillwayConfig.custom()
        .limit(Limits.fixed(1))
        .function(FunctionRef.of("scripted", "twin"))
        .maxWait(Duration.ofMillis(50))
        .retry(1, Duration.ofMillis(1));
  }

  Spillway<Echo, Echo> spillway(SpillwayConfig config) {
    return registry.spillway("svc", config, Echo.class, Echo.class);
  }

  /** Occupies all {@code n} local permits with calls that block until the blocker is released. */
  void fill(Spillway<Echo, Echo> sw, int n) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      blocker.submit(() -> sw.call(Echo.of("held"), blocker.blockingEcho(started)));
    }
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("local calls did not start");
    }
  }

  /** Holds {@code n} local permits until closed. */
  static HeldCalls hold(Spillway<Echo, Echo> sw, int n) throws InterruptedException {
    HeldCalls held = new HeldCalls();
    CountDownLatch started = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      held.blocker.submit(() -> sw.call(Echo.of("held"), held.blocker.blockingEcho(started)));
    }
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("local calls did not start");
    }
    return held;
  }

  /** Local calls held until close. */
  static final class HeldCalls implements AutoCloseable {
    final Blocker blocker = new Blocker();

    @Override
    public void close() {
      blocker.close();
    }
  }

  @Override
  public void close() {
    blocker.close();
    registry.close();
  }
}
