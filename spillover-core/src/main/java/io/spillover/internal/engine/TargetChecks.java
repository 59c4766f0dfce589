package io.spillover.internal.engine;

import io.spillover.TargetCheckException;
import io.spillover.TargetCheckMode;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionRef;
import io.spillover.function.TargetCheck;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the check of a new spillway's function target and acts on it as the mode says. */
public final class TargetChecks {
  private static final Logger LOG = LoggerFactory.getLogger("io.spillover.TargetCheck");

  private final TargetCheckMode mode;
  private final Duration timeout;
  private final Executor background;

  public TargetChecks(TargetCheckMode mode, Duration timeout, Executor background) {
    this.mode = mode;
    this.timeout = timeout;
    this.background = background;
  }

  /**
   * FAIL: checks now and throws on a problem. WARN: checks in the background and logs a problem.
   * The returned stage completes with the result (null when the mode is OFF).
   */
  public CompletableFuture<TargetCheck> run(String spillway, FunctionRef ref,
      FunctionInvoker invoker) {
    switch (mode) {
      case OFF:
        return CompletableFuture.completedFuture(null);
      case FAIL:
        TargetCheck now = check(spillway, ref, invoker);
        if (now.status().isProblem()) {
          throw new TargetCheckException(spillway, ref, now);
        }
        return CompletableFuture.completedFuture(now);
      default:
        return CompletableFuture.supplyAsync(() -> check(spillway, ref, invoker), background)
            .whenComplete((c, e) -> {
              if (c != null && c.status().isProblem()) {
                LOG.warn("Spillover: spillway '{}' cannot spill to {}: {}; its overflow stays on "
                    + "this VM until that is fixed", spillway, ref, c);
              }
            });
    }
  }

  private TargetCheck check(String spillway, FunctionRef ref, FunctionInvoker invoker) {
    TargetCheck c;
    try {
      c = invoker.check(spillway, timeout);
    } catch (RuntimeException e) {
      c = TargetCheck.unreachable("the check failed: " + e);
    }
    if (c == null) {
      c = TargetCheck.unsupported("the provider returned no result");
    }
    LOG.debug("spillway '{}', target {}: {}", spillway, ref, c);
    return c;
  }
}
