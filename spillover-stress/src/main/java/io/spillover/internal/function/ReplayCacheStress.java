package io.spillover.internal.function;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@link ReplayCache} under concurrent duplicates of one request id: exactly one claims the run,
 * and the duplicate gets the owner's reply, never one of its own.
 */
@JCStressTest
@Outcome(id = {"1, 2, 1", "2, 1, 1"}, expect = ACCEPTABLE,
    desc = "one run; the duplicate waits for its reply")
@Outcome(id = {"1, 1, .*"}, expect = FORBIDDEN, desc = "the id ran twice")
@Outcome(expect = FORBIDDEN, desc = "no run, or an entry lost or created")
@State
public class ReplayCacheStress {
  private static final byte[] REPLY = {42};
  final ReplayCache cache = new ReplayCache(16, () -> 0L);
  CompletableFuture<byte[]> a;
  CompletableFuture<byte[]> b;

  /** 1: this duplicate owns the run (and completes it); 2: it got the owner's future. */
  int claim(boolean first) {
    CompletableFuture<byte[]> earlier = cache.claim("svc\nid-1", 1_000);
    if (earlier == null) {
      cache.complete("svc\nid-1", REPLY);
      return 1;
    }
    if (first) {
      a = earlier;
    } else {
      b = earlier;
    }
    return 2;
  }

  @Actor public void first(III_Result r) {
    r.r1 = claim(true);
  }

  @Actor public void second(III_Result r) {
    r.r2 = claim(false);
  }

  @Arbiter public void check(III_Result r) {
    CompletableFuture<byte[]> dup = a != null ? a : b;
    boolean answered = dup == null || dup.getNow(null) == REPLY;
    r.r3 = answered ? cache.size() : -1;
  }
}
