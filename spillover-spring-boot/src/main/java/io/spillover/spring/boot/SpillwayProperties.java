package io.spillover.spring.boot;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.spillover.Classification;
import io.spillover.OverloadAction;
import io.spillover.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The settings of one spillway or named config ({@code spillover.spillways.<name>.*},
 * {@code spillover.configs.<name>.*}). Every property is optional: an unset one is inherited from
 * the base config, and the library default applies at the root. See {@link io.spillover.SpillwayConfig}
 * for what each setting does.
 */
public class SpillwayProperties {

  /** Named config (spillover.configs.NAME) this one starts from; default: the "default" config. */
  private String baseConfig;

  /** Local concurrency limit algorithm and its parameters (library default: adaptive). */
  @NestedConfigurationProperty
  private LimitProperties limit = new LimitProperties();

  /** Latency objective of a local call; SLO-driven limits react to it (library default: 100ms). */
  private Duration latencySlo;

  /** Function twin that takes the excess; without one the spillway never spills. */
  @NestedConfigurationProperty
  private final Function function = new Function();

  /** Deadline of a call that brings none, from its start (library default: 10s). */
  private Duration timeout;

  /** How long an overloaded call waits for a local permit, also after a failed spill (default: 2s). */
  private Duration maxWait;

  /** How many calls may wait for a local permit at once; more are rejected (default: 1000). */
  private Integer maxWaiting;

  /** Maximum of spilled calls in flight at once (library default: 100). */
  private Integer maxConcurrentSpills;

  /**
   * Whether the spill concurrency learns the platform's room from its throttling, within
   * max-concurrent-spills (library default: true).
   */
  private Boolean adaptiveSpillConcurrency;

  /** Maximum spilled calls per second; 0 means no rate cap (library default: 0). */
  private Double maxSpillsPerSecond;

  /** Largest encoded request that may spill, e.g. 6MB; a larger call stays local. */
  private DataSize maxPayloadBytes;

  /** Classification of calls that bring none: public, internal or confidential. */
  private Classification classification;

  /** Whether calls may run twice (retried on the function with the same request id). */
  private Boolean idempotent;

  /**
   * What calls of each priority (critical, normal, batch) do under overload: spill, wait or shed.
   * Library default: critical and normal spill, batch waits.
   */
  private Map<Priority, OverloadAction> overload = new EnumMap<>(Priority.class);

  /** Hysteresis between local and spill mode. */
  @NestedConfigurationProperty
  private final Hysteresis hysteresis = new Hysteresis();

  /** Keeping function instances warm while the service is near its limit (off by default). */
  @NestedConfigurationProperty
  private final Prewarm prewarm = new Prewarm();

  /** How the function platform bills a call (library default: AWS Lambda list prices, 256 MB). */
  @NestedConfigurationProperty
  private final Pricing pricing = new Pricing();

  /** Modelled spend per hour in USD at which spilling stops; 0 means no cap. */
  private Double spendCapPerHour;

  /**
   * Spend per hour in USD of the whole fleet (every VM of the service) at which every VM stops
   * spilling; 0 means none. Needs a fleet store (spillover.fleet.zookeeper.connect-string).
   */
  private Double fleetSpendCapPerHour;

  /**
   * Spills in flight on the whole fleet (every VM of the service) at most, leased by each VM in
   * blocks; 0 means none. Needs a fleet store (spillover.fleet.zookeeper.connect-string).
   */
  private Integer fleetMaxConcurrentSpills;

  /** Retries on the function of failures that are safe to retry. */
  @NestedConfigurationProperty
  private final Retry retry = new Retry();

  /** Times one local call in N (a power of two) for adaptive limits (library default: 1). */
  private Integer latencySampling;

  /** Window over which the spill rate is averaged into scale advice (library default: 60s). */
  private Duration adviceWindow;

  /**
   * How long the highest demand holds the extra-replica advice up; 0 turns the hold off (library
   * default: 5m).
   */
  private Duration adviceCoolDown;

  /**
   * The circuit breaker of the function target (Resilience4j); unset keys come from the base
   * config, else from the CircuitBreakerRegistry's default config.
   */
  @NestedConfigurationProperty
  private final CircuitBreaker circuitBreaker = new CircuitBreaker();

  public String getBaseConfig() { return baseConfig; }
  public void setBaseConfig(String baseConfig) { this.baseConfig = baseConfig; }
  public LimitProperties getLimit() { return limit; }
  public void setLimit(LimitProperties limit) { this.limit = limit; }
  public Duration getLatencySlo() { return latencySlo; }
  public void setLatencySlo(Duration latencySlo) { this.latencySlo = latencySlo; }
  public Function getFunction() { return function; }
  public Duration getTimeout() { return timeout; }
  public void setTimeout(Duration timeout) { this.timeout = timeout; }
  public Duration getMaxWait() { return maxWait; }
  public void setMaxWait(Duration maxWait) { this.maxWait = maxWait; }
  public Integer getMaxWaiting() { return maxWaiting; }
  public void setMaxWaiting(Integer maxWaiting) { this.maxWaiting = maxWaiting; }
  public Integer getMaxConcurrentSpills() { return maxConcurrentSpills; }
  public void setMaxConcurrentSpills(Integer n) { this.maxConcurrentSpills = n; }
  public Boolean getAdaptiveSpillConcurrency() { return adaptiveSpillConcurrency; }
  public void setAdaptiveSpillConcurrency(Boolean adaptive) {
    this.adaptiveSpillConcurrency = adaptive;
  }
  public Double getMaxSpillsPerSecond() { return maxSpillsPerSecond; }
  public void setMaxSpillsPerSecond(Double rate) { this.maxSpillsPerSecond = rate; }
  public DataSize getMaxPayloadBytes() { return maxPayloadBytes; }
  public void setMaxPayloadBytes(DataSize size) { this.maxPayloadBytes = size; }
  public Classification getClassification() { return classification; }
  public void setClassification(Classification c) { this.classification = c; }
  public Boolean getIdempotent() { return idempotent; }
  public void setIdempotent(Boolean idempotent) { this.idempotent = idempotent; }
  public Map<Priority, OverloadAction> getOverload() { return overload; }
  public void setOverload(Map<Priority, OverloadAction> overload) { this.overload = overload; }
  public Hysteresis getHysteresis() { return hysteresis; }
  public Prewarm getPrewarm() { return prewarm; }
  public Pricing getPricing() { return pricing; }
  public Double getFleetSpendCapPerHour() { return fleetSpendCapPerHour; }
  public void setFleetSpendCapPerHour(Double usd) { this.fleetSpendCapPerHour = usd; }
  public Integer getFleetMaxConcurrentSpills() { return fleetMaxConcurrentSpills; }
  public void setFleetMaxConcurrentSpills(Integer n) { this.fleetMaxConcurrentSpills = n; }
  public Double getSpendCapPerHour() { return spendCapPerHour; }
  public void setSpendCapPerHour(Double usd) { this.spendCapPerHour = usd; }
  public Retry getRetry() { return retry; }
  public Integer getLatencySampling() { return latencySampling; }
  public void setLatencySampling(Integer everyN) { this.latencySampling = everyN; }
  public Duration getAdviceWindow() { return adviceWindow; }
  public void setAdviceWindow(Duration window) { this.adviceWindow = window; }
  public Duration getAdviceCoolDown() { return adviceCoolDown; }
  public void setAdviceCoolDown(Duration coolDown) { this.adviceCoolDown = coolDown; }
  public CircuitBreaker getCircuitBreaker() { return circuitBreaker; }

  /** The function target's circuit breaker (Resilience4j CircuitBreakerConfig). */
  public static class CircuitBreaker {
    /** Failure rate in percent, in (0, 100], at or above which the breaker opens (default 50). */
    private Float failureRateThreshold;
    /** Rate in percent of slow calls at or above which the breaker opens (default 100). */
    private Float slowCallRateThreshold;
    /** Duration above which a call counts as slow (default 60s). */
    private Duration slowCallDurationThreshold;
    /** Whether the window counts the last N calls or the calls of the last N seconds. */
    private SlidingWindowType slidingWindowType;
    /** Calls (count-based) or seconds (time-based) in the sliding window (default 100). */
    private Integer slidingWindowSize;
    /** Calls needed before the failure rate is computed at all (default 100). */
    private Integer minimumNumberOfCalls;
    /** How long the breaker stays open before it lets trial calls through (default 60s). */
    private Duration waitDurationInOpenState;
    /** Trial calls let through while half-open (default 10). */
    private Integer permittedNumberOfCallsInHalfOpenState;

    public Float getFailureRateThreshold() { return failureRateThreshold; }
    public void setFailureRateThreshold(Float v) { this.failureRateThreshold = v; }
    public Float getSlowCallRateThreshold() { return slowCallRateThreshold; }
    public void setSlowCallRateThreshold(Float v) { this.slowCallRateThreshold = v; }
    public Duration getSlowCallDurationThreshold() { return slowCallDurationThreshold; }
    public void setSlowCallDurationThreshold(Duration v) { this.slowCallDurationThreshold = v; }
    public SlidingWindowType getSlidingWindowType() { return slidingWindowType; }
    public void setSlidingWindowType(SlidingWindowType v) { this.slidingWindowType = v; }
    public Integer getSlidingWindowSize() { return slidingWindowSize; }
    public void setSlidingWindowSize(Integer v) { this.slidingWindowSize = v; }
    public Integer getMinimumNumberOfCalls() { return minimumNumberOfCalls; }
    public void setMinimumNumberOfCalls(Integer v) { this.minimumNumberOfCalls = v; }
    public Duration getWaitDurationInOpenState() { return waitDurationInOpenState; }
    public void setWaitDurationInOpenState(Duration v) { this.waitDurationInOpenState = v; }
    public Integer getPermittedNumberOfCallsInHalfOpenState() {
      return permittedNumberOfCallsInHalfOpenState;
    }
    public void setPermittedNumberOfCallsInHalfOpenState(Integer v) {
      this.permittedNumberOfCallsInHalfOpenState = v;
    }
  }

  /** The function twin: provider name and the provider's name for the function. */
  public static class Function {
    /** Name of the registered FunctionProvider, e.g. lambda, openwhisk, http, in-process. */
    private String provider;
    /** Provider's name for the function, e.g. social-compose-post:live for Lambda. */
    private String target;

    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
  }

  /** Hysteresis: once spilling, local admission stays below the limit for a while. */
  public static class Hysteresis {
    /** Fraction of the limit, in [0, 0.5], kept free while spilling (library default: 0.1). */
    private Double headroom;
    /** How long the headroom must hold before spilling ends (library default: 5s). */
    private Duration coolDown;

    public Double getHeadroom() { return headroom; }
    public void setHeadroom(Double headroom) { this.headroom = headroom; }
    public Duration getCoolDown() { return coolDown; }
    public void setCoolDown(Duration coolDown) { this.coolDown = coolDown; }
  }

  /** Pre-warming: no-op invocations that keep function instances warm. */
  public static class Prewarm {
    /** Function instances to keep warm; setting it turns pre-warming on. */
    private Integer instances;
    /** Local utilisation, in (0, 1], from which instances are kept warm. */
    private Double utilisation;
    /** Time between two rounds of warm-up invocations. */
    private Duration period;

    public Integer getInstances() { return instances; }
    public void setInstances(Integer instances) { this.instances = instances; }
    public Double getUtilisation() { return utilisation; }
    public void setUtilisation(Double utilisation) { this.utilisation = utilisation; }
    public Duration getPeriod() { return period; }
    public void setPeriod(Duration period) { this.period = period; }
  }

  /**
   * Billing model. Only memory-mb set: AWS Lambda list prices for that memory; any price set:
   * a custom model whose unset prices are Lambda's.
   */
  public static class Pricing {
    /** Memory of the function in MB, which the duration price scales with. */
    private Integer memoryMb;
    /** Price in USD of one GB-second (default: Lambda x86 list price). */
    private Double gbSecondUsd;
    /** Price in USD of one request (default: Lambda's $0.20 per million). */
    private Double requestUsd;
    /** Billing granularity of the duration (default: 1ms). */
    private Duration granularity;
    /**
     * Billed init phase of a cold start (default with Lambda prices: 1s; with custom prices: 0).
     */
    private Duration initDuration;

    public Integer getMemoryMb() { return memoryMb; }
    public void setMemoryMb(Integer memoryMb) { this.memoryMb = memoryMb; }
    public Double getGbSecondUsd() { return gbSecondUsd; }
    public void setGbSecondUsd(Double usd) { this.gbSecondUsd = usd; }
    public Double getRequestUsd() { return requestUsd; }
    public void setRequestUsd(Double usd) { this.requestUsd = usd; }
    public Duration getGranularity() { return granularity; }
    public void setGranularity(Duration granularity) { this.granularity = granularity; }
    public Duration getInitDuration() { return initDuration; }
    public void setInitDuration(Duration init) { this.initDuration = init; }
  }

  /** Retries on the function (only for idempotent calls, with the same request id). */
  public static class Retry {
    /** Attempts on the function in all, at least 1 (library default: 3). */
    private Integer attempts;
    /** First backoff between attempts, doubled each time (library default: 50ms). */
    private Duration backoff;

    public Integer getAttempts() { return attempts; }
    public void setAttempts(Integer attempts) { this.attempts = attempts; }
    public Duration getBackoff() { return backoff; }
    public void setBackoff(Duration backoff) { this.backoff = backoff; }
  }
}
