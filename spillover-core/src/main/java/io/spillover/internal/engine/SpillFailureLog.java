package io.spillover.internal.engine;

import io.spillover.SpilloverClock;
import io.spillover.SpillwayListener;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionErrorType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line the first time a spillway's spills fail in a given way (throttled, timeout,
 * transport, each function error type), then at most one per {@link #INTERVAL_NANOS} for that
 * kind, with the count of failures since. A counter alone leaves a broken target unnoticed until
 * someone looks at a dashboard. Kinds are exception classes and the known error types, so the
 * map is bounded by the code, whatever a function answers; it is also capped.
 */
public final class SpillFailureLog implements SpillwayListener {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_TRACKED = 4096;
  private static final Logger LOG = LoggerFactory.getLogger("io.spillover.SpillFailure");

  private final SpilloverClock clock;
  private final Logger log;
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  public SpillFailureLog(SpilloverClock clock) {
    this(clock, LOG);
  }

  SpillFailureLog(SpilloverClock clock, Logger log) {
    this.clock = clock;
    this.log = log;
  }

  @Override
  public void onSpillFailed(String spillway, Throwable cause, boolean fellBack) {
    String kind = kind(cause);
    long now = clock.nanoTime();
    Kind k = kinds.get(spillway + '\n' + kind);
    if (k == null) {
      if (kinds.size() >= MAX_TRACKED) {
        return;
      }
      k = kinds.computeIfAbsent(spillway + '\n' + kind, x -> new Kind());
    }
    long count = k.due(now);
    if (count < 0) {
      return;
    }
    String outcome = fellBack ? "the call ran locally" : "no local permit freed, the call failed";
    String message = cause == null ? "" : cause.getMessage();
    if (count == 0) {
      log.warn("Spillover: spillway '{}' could not spill ({}: {}); {}. Further {} failures of "
          + "this spillway are logged at most once a minute", spillway, kind, message, outcome,
          kind);
    } else {
      log.warn("Spillover: spillway '{}' could not spill ({}: {}); {}. {} such failures since "
          + "the last report", spillway, kind, message, outcome, count);
    }
  }

  static String kind(Throwable cause) {
    if (cause == null) {
      return "unknown";
    }
    if (cause instanceof FunctionErrorException) {
      String type = ((FunctionErrorException) cause).type();
      for (FunctionErrorType t : FunctionErrorType.values()) {
        if (t.name().equals(type)) {
          return "FunctionErrorException[" + type + "]";
        }
      }
    }
    return cause.getClass().getSimpleName();
  }

  /** The rate limit of one kind: when it was last logged and what was suppressed since. */
  private static final class Kind {
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    /** -1: stay quiet; 0: the first report; n: a later report, n failures since the last one. */
    long due(long now) {
      long last = lastLogged.get();
      if (last != Long.MIN_VALUE && now - last < INTERVAL_NANOS) {
        suppressed.incrementAndGet();
        return -1;
      }
      if (!lastLogged.compareAndSet(last, now)) {
        suppressed.incrementAndGet();
        return -1;
      }
      return last == Long.MIN_VALUE ? 0 : 1 + suppressed.getAndSet(0);
    }
  }
}
