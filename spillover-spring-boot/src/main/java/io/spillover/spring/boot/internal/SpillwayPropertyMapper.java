package io.spillover.spring.boot.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.spillover.Pricing;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionRef;
import io.spillover.spring.boot.SpilloverPropertyException;
import io.spillover.spring.boot.SpillwayProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies the set properties of one spillway or config onto a builder that starts from its base.
 * Settings the core takes as a group (function, hysteresis, prewarm, pricing, retry) take each
 * unset member from the base, so a spillway may override one member only.
 */
final class SpillwayPropertyMapper {
  private final String prefix;
  private final SpillwayConfig base;
  private final CircuitBreakerConfig defaultBreaker;

  /** {@code defaultBreaker}: where breaker keys start when no base config has breaker settings. */
  SpillwayPropertyMapper(String prefix, SpillwayConfig base, CircuitBreakerConfig defaultBreaker) {
    this.prefix = prefix;
    this.base = base;
    this.defaultBreaker = defaultBreaker;
  }

  void apply(SpillwayProperties p, SpillwayConfig.Builder b) {
    LimitMapper.toFactory(prefix + ".limit", p.getLimit()).ifPresent(b::limit);
    set("latency-slo", p.getLatencySlo(), b::latencySlo);
    set("timeout", p.getTimeout(), b::timeout);
    set("max-wait", p.getMaxWait(), b::maxWait);
    set("max-waiting", p.getMaxWaiting(), b::maxWaiting);
    set("max-concurrent-spills", p.getMaxConcurrentSpills(), b::maxConcurrentSpills);
    set("adaptive-spill-concurrency", p.getAdaptiveSpillConcurrency(),
        b::adaptiveSpillConcurrency);
    set("max-spills-per-second", p.getMaxSpillsPerSecond(), b::maxSpillsPerSecond);
    set("max-payload-bytes", p.getMaxPayloadBytes(), size -> {
      if (size.toBytes() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE + " bytes, was "
            + size);
      }
      b.maxPayloadBytes((int) size.toBytes());
    });
    set("classification", p.getClassification(), b::classification);
    set("idempotent", p.getIdempotent(), b::idempotent);
    p.getOverload().forEach((priority, action) ->
        set("overload." + priority.name().toLowerCase(java.util.Locale.ROOT), action,
            a -> b.overloadAction(priority, a)));
    SpillwayProperties.Hysteresis h = p.getHysteresis();
    if (h.getHeadroom() != null || h.getCoolDown() != null) {
      set("hysteresis", h, x -> b.spillHysteresis(
          or(x.getHeadroom(), base.spillHeadroom()), or(x.getCoolDown(), base.spillCoolDown())));
    }
    prewarm(p.getPrewarm(), b);
    pricing(p.getPricing(), b);
    set("spend-cap-per-hour", p.getSpendCapPerHour(), b::spendCapPerHour);
    set("fleet-spend-cap-per-hour", p.getFleetSpendCapPerHour(), b::fleetSpendCapPerHour);
    set("fleet-max-concurrent-spills", p.getFleetMaxConcurrentSpills(),
        b::fleetMaxConcurrentSpills);
    SpillwayProperties.Retry r = p.getRetry();
    if (r.getAttempts() != null || r.getBackoff() != null) {
      set("retry", r, x -> b.retry(or(x.getAttempts(), base.retryAttempts()),
          or(x.getBackoff(), base.retryBackoff())));
    }
    set("latency-sampling", p.getLatencySampling(), b::latencySampling);
    set("advice-window", p.getAdviceWindow(), b::adviceWindow);
    set("advice-cool-down", p.getAdviceCoolDown(), b::adviceCoolDown);
    circuitBreaker(p.getCircuitBreaker(), b);
  }

  private void circuitBreaker(SpillwayProperties.CircuitBreaker p, SpillwayConfig.Builder b) {
    CircuitBreakerConfig start = base.circuitBreaker() != null ? base.circuitBreaker()
        : defaultBreaker;
    CircuitBreakerConfig.Builder c = CircuitBreakerConfig.from(start);
    String key = "circuit-breaker.";
    int set = 0;
    set += breaker(key + "failure-rate-threshold", p.getFailureRateThreshold(),
        c::failureRateThreshold);
    set += breaker(key + "slow-call-rate-threshold", p.getSlowCallRateThreshold(),
        c::slowCallRateThreshold);
    set += breaker(key + "slow-call-duration-threshold", p.getSlowCallDurationThreshold(),
        c::slowCallDurationThreshold);
    set += breaker(key + "sliding-window-type", p.getSlidingWindowType(), c::slidingWindowType);
    set += breaker(key + "sliding-window-size", p.getSlidingWindowSize(), c::slidingWindowSize);
    set += breaker(key + "minimum-number-of-calls", p.getMinimumNumberOfCalls(),
        c::minimumNumberOfCalls);
    set += breaker(key + "wait-duration-in-open-state", p.getWaitDurationInOpenState(),
        c::waitDurationInOpenState);
    set += breaker(key + "permitted-number-of-calls-in-half-open-state",
        p.getPermittedNumberOfCallsInHalfOpenState(), c::permittedNumberOfCallsInHalfOpenState);
    if (set > 0) {
      set("circuit-breaker", c, x -> b.circuitBreaker(x.build()));
    }
  }

  private <T> int breaker(String key, T value, Consumer<T> setter) {
    set(key, value, setter);
    return value == null ? 0 : 1;
  }

  /**
   * Sets the function when this level completes it; returns the parts it leaves to inheritors
   * (a named config may name only the provider).
   */
  FunctionParts function(SpillwayProperties.Function f, FunctionParts inherited,
      SpillwayConfig.Builder b) {
    FunctionParts own = new FunctionParts(f.getProvider(), f.getTarget());
    if (own.isEmpty()) {
      return inherited;
    }
    FunctionParts parts = own.over(inherited);
    if (parts.isComplete()) {
      set("function", parts, x -> b.function(FunctionRef.of(x.provider(), x.target())));
    }
    return parts;
  }

  private void prewarm(SpillwayProperties.Prewarm p, SpillwayConfig.Builder b) {
    if (p.getInstances() == null && p.getUtilisation() == null && p.getPeriod() == null) {
      return;
    }
    SpillwayConfig.Prewarm inherited = base.prewarm();
    Integer instances = or(p.getInstances(), inherited == null ? null : inherited.instances());
    Double utilisation = or(p.getUtilisation(), inherited == null ? null
        : inherited.utilisation());
    Duration period = or(p.getPeriod(), inherited == null ? null : inherited.period());
    List<String> missing = new ArrayList<>();
    if (instances == null) {
      missing.add("instances");
    }
    if (utilisation == null) {
      missing.add("utilisation");
    }
    if (period == null) {
      missing.add("period");
    }
    if (!missing.isEmpty()) {
      throw new SpilloverPropertyException(prefix + ".prewarm", "prewarm needs instances, "
          + "utilisation and period; not set here nor in the base config: " + missing, null);
    }
    set("prewarm", p, x -> b.prewarm(instances, utilisation, period));
  }

  private void pricing(SpillwayProperties.Pricing p, SpillwayConfig.Builder b) {
    boolean custom = p.getGbSecondUsd() != null || p.getRequestUsd() != null
        || p.getGranularity() != null;
    if (!custom && p.getMemoryMb() == null) {
      if (p.getInitDuration() != null) {
        set("pricing.init-duration", p.getInitDuration(),
            d -> b.pricing(base.pricing().withInit(d)));
      }
      return;
    }
    int memory = or(p.getMemoryMb(), base.pricing().memoryMb());
    set("pricing", p, x -> {
      if (!custom) {
        Pricing lambda = Pricing.awsLambda(memory);
        b.pricing(x.getInitDuration() == null ? lambda : lambda.withInit(x.getInitDuration()));
        return;
      }
      long granularity = or(x.getGranularity(), Duration.ofMillis(1)).toMillis();
      if (granularity < 1 || granularity > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("granularity must be at least 1ms, was "
            + x.getGranularity());
      }
      b.pricing(Pricing.of(or(x.getGbSecondUsd(), Pricing.LAMBDA_GB_SECOND_USD),
          or(x.getRequestUsd(), Pricing.LAMBDA_REQUEST_USD), memory, (int) granularity)
          .withInit(or(x.getInitDuration(), Duration.ZERO)));
    });
  }

  private <T> void set(String key, T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SpilloverPropertyException(prefix + "." + key, e.getMessage(), e);
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
