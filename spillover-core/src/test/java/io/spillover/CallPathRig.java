package io.spillover;

import io.spillover.function.FunctionApp;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One registry, spillway and scripted twin for {@link CallPathPropertiesTest}, with the counters
 * its properties read. The provider runs on the caller's thread (blocking calls), so each
 * invocation knows its call from {@link #CURRENT}.
 */
final class CallPathRig {
  enum Twin { ANSWERS, THROTTLED, NOT_SENT, RUNS_THEN_TIMES_OUT, RUNS_THEN_RESETS, THROWS }

  record Call(boolean idempotent, boolean confidential, boolean localFails, Twin twin) {}

  static final String SECRET = "ssn-078-05-1120";
  static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

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

  CallPathRig(int limit, int spillBudget, boolean verifiedTarget) {
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
