package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.limit.Limits;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import io.spillover.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the call path over generated loads: concurrent calls, each idempotent or not,
 * public or confidential, failing locally or not, meeting a scripted twin (answers, throttles,
 * never gets the request, runs and then times out or resets, throws). The clock is manual; the
 * provider runs on the caller's thread (blocking calls), so each invocation knows its call.
 */
class CallPathPropertiesTest {
  enum Twin { ANSWERS, THROTTLED, NOT_SENT, RUNS_THEN_TIMES_OUT, RUNS_THEN_RESETS, THROWS }

  record Call(boolean idempotent, boolean confidential, boolean localFails, Twin twin) {}

  private static final String SECRET = "ssn-078-05-1120";
  private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

  @Provide
  Arbitrary<List<Call>> loads() {
    Arbitrary<Call> call = Combinators.combine(Arbitraries.of(true, false),
        Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.of(Twin.class)).as(Call::new);
    return call.list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.OFF)
  void everyCallEndsOnceWithinTheLimitsAndNothingRunsTwiceOrLeaksOrStaysHeld(
      @ForAll("loads") List<Call> calls, @ForAll @IntRange(min = 1, max = 3) int limit,
      @ForAll @IntRange(min = 1, max = 2) int spillBudget, @ForAll boolean verifiedTarget)
      throws Exception {
    Rig rig = new Rig(limit, spillBudget, verifiedTarget);
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<Object>> ends = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        int n = i;
        ends.add(pool.submit(() -> rig.run(n, calls.get(n))));
      }
      for (int i = 0; i < calls.size(); i++) {
        Object end = ends.get(i).get(30, TimeUnit.SECONDS);
        Call c = calls.get(i);
        String label = "call " + i + " " + c + " ended in " + end;
        String localFailure = "local failed " + i;
        // exactly one end, and an allowed one
        assertThat(end).as(label).satisfiesAnyOf(
            e -> assertThat(e).isInstanceOf(Echo.class),
            e -> assertThat(e).isInstanceOf(SpilloverException.class),
            e -> assertThat(e).isInstanceOfSatisfying(IllegalStateException.class,
                x -> assertThat(x).hasMessage(localFailure)));
        int runs = rig.runs(i);
        if (!c.idempotent()) {
          assertThat(runs).as("never twice: " + label).isLessThanOrEqualTo(1);
        }
        if (end instanceof Echo) {
          assertThat(runs).as(label).isGreaterThanOrEqualTo(1);
        }
      }
      assertThat(rig.maxLocal.get()).as("local in flight").isLessThanOrEqualTo(limit);
      assertThat(rig.maxSpills.get()).as("spills in flight").isLessThanOrEqualTo(spillBudget);
      for (String wire : rig.wire) {
        assertThat(wire).as("no confidential call in plain text, none to an unverified target")
            .doesNotContain(SECRET);
      }
      SpillwayMetrics m = rig.sw.metrics();
      assertThat(m.inflightLocal()).as("every local permit back").isZero();
      assertThat(m.inflightSpills()).as("every spill permit back").isZero();
      assertThat(m.waiting()).isZero();
    } finally {
      pool.shutdownNow();
      rig.registry.close();
    }
  }

  /** One registry, spillway and scripted twin, with the counters the properties read. */
  private static final class Rig {
    final ManualClock clock = new ManualClock();
    final Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    final AtomicInteger local = new AtomicInteger();
    final AtomicInteger maxLocal = new AtomicInteger();
    final AtomicInteger spills = new AtomicInteger();
    final AtomicInteger maxSpills = new AtomicInteger();
    final List<String> wire = new java.util.concurrent.CopyOnWriteArrayList<>();
    final FunctionApp app = FunctionApp.builder().handle("svc", Echo.class, Echo.class, e -> {
      ran(e);
      if (e.text.contains("THROWS")) {
        throw new IllegalArgumentException("twin threw");
      }
      return Echo.of("fn:" + e.text);
    }).sealedCallOpener((svc, id, deadline, session, ct) ->
        new io.spillover.seal.SealedCallOpener.OpenedCall() {
          @Override public byte[] body() { return ConfidentialRoutingTest.reverse(ct); }
          @Override public String caller() { return "test"; }
          @Override public byte[] sealReply(byte[] reply) {
            return ConfidentialRoutingTest.reverse(reply);
          }
        }).build();
    final SpilloverRegistry registry;
    final Spillway<Echo, Echo> sw;

    Rig(int limit, int spillBudget, boolean verifiedTarget) {
      SealedChannel channel = new SealedChannel() {
        @Override public SealedPayload seal(String service, String id, long d, byte[] body) {
          return new SealedPayload("session-1", ConfidentialRoutingTest.reverse(body));
        }

        @Override public byte[] openReply(String service, String id, byte[] ciphertext) {
          return ConfidentialRoutingTest.reverse(ciphertext);
        }
      };
      registry = SpilloverRegistry.builder().provider(new Provider()).clock(clock)
          .tickInterval(Duration.ZERO)
          .callSealer(t -> verifiedTarget ? Optional.of(channel) : Optional.empty()).build();
      sw = registry.spillway("svc", SpillwayConfig.custom().limit(Limits.fixed(limit))
          .function(FunctionRef.of("scripted", "twin")).maxWait(Duration.ofMillis(20))
          .maxConcurrentSpills(spillBudget).retry(2, Duration.ofMillis(1)).build(),
          Echo.class, Echo.class);
    }

    void ran(Echo e) {
      runs.computeIfAbsent(Integer.parseInt(e.text.substring(1, e.text.indexOf(' '))),
          k -> new AtomicInteger()).incrementAndGet();
    }

    int runs(int call) {
      AtomicInteger n = runs.get(call);
      return n == null ? 0 : n.get();
    }

    /** The call's end: its result or what it threw. */
    Object run(int n, Call c) {
      CallOptions.Builder o = CallOptions.builder().idempotent(c.idempotent());
      if (c.confidential()) {
        o.confidential();
      }
      String text = "c" + n + " " + c.twin() + (c.confidential() ? " " + SECRET : "");
      CURRENT.set(c);
      try {
        return sw.call(Echo.of(text), o.build(), e -> {
          int now = local.incrementAndGet();
          maxLocal.accumulateAndGet(now, Math::max);
          try {
            ran(e);
            Thread.yield(); // let other calls find the limit reached
            if (c.localFails()) {
              throw new IllegalStateException("local failed " + n);
            }
            return Echo.of("local:" + e.text);
          } finally {
            local.decrementAndGet();
          }
        });
      } catch (RuntimeException e) {
        return e;
      } finally {
        CURRENT.remove();
      }
    }

    /** Answers as the calling thread's call says; counts invocations in flight. */
    private final class Provider implements FunctionProvider {
      @Override public String name() {
        return "scripted";
      }

      @Override public FunctionInvoker invoker(FunctionRef ref) {
        return new FunctionInvoker() {
          @Override public CompletableFuture<byte[]> invoke(Invocation inv) {
            int now = spills.incrementAndGet();
            maxSpills.accumulateAndGet(now, Math::max);
            try {
              return CompletableFuture.completedFuture(answer(inv));
            } catch (RuntimeException e) {
              return CompletableFuture.failedFuture(e);
            } finally {
              spills.decrementAndGet();
            }
          }

          @Override public int maxRequestBytes() {
            return 1 << 20;
          }
        };
      }

      private byte[] answer(Invocation inv) {
        wire.add(new String(inv.payload(), StandardCharsets.UTF_8));
        Call c = CURRENT.get();
        switch (c.twin()) {
          case THROTTLED: throw new FunctionThrottledException("429");
          case NOT_SENT: throw new FunctionTransportException("refused", false, null);
          case RUNS_THEN_TIMES_OUT:
            app.dispatch(inv.payload());
            throw new FunctionTimeoutException("no reply");
          case RUNS_THEN_RESETS:
            app.dispatch(inv.payload());
            throw new FunctionTransportException("reset", true, null);
          default: return app.dispatch(inv.payload());
        }
      }
    }
  }
}
