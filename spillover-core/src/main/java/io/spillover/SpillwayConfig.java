package io.spillover;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.spillover.function.FunctionRef;
import io.spillover.limit.LimitFactory;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable configuration of a spillway. Build with {@link #custom()}; every setter validates
 * at once and throws {@link IllegalArgumentException} for a bad value. Configs are shared between
 * spillways (by name in a {@link SpilloverRegistry}); per-spillway state such as the limit is
 * created from them.
 */
public final class SpillwayConfig {
  private final LimitFactory limit;
  private final Duration latencySlo;
  private final FunctionRef function;
  private final Duration timeout;
  private final Duration maxWait;
  private final int maxWaiting;
  private final int maxConcurrentSpills;
  private final boolean adaptiveSpillConcurrency;
  private final double maxSpillsPerSecond;
  private final int maxPayloadBytes;
  private final Classification classification;
  private final boolean idempotent;
  private final Map<Priority, OverloadAction> overload;
  private final double spillHeadroom;
  private final Duration spillCoolDown;
  private final Prewarm prewarm;
  private final Pricing pricing;
  private final double spendCapPerHour;
  private final double fleetSpendCapPerHour;
  private final int fleetMaxConcurrentSpills;
  private final int retryAttempts;
  private final Duration retryBackoff;
  private final int latencySampling;
  private final Duration adviceWindow;
  private final Duration adviceCoolDown;
  private final CircuitBreakerConfig circuitBreaker;

  private SpillwayConfig(Builder b) {
    this.limit = b.limit;
    this.latencySlo = b.latencySlo;
    this.function = b.function;
    this.timeout = b.timeout;
    this.maxWait = b.maxWait;
    this.maxWaiting = b.maxWaiting;
    this.maxConcurrentSpills = b.maxConcurrentSpills;
    this.adaptiveSpillConcurrency = b.adaptiveSpillConcurrency;
    this.maxSpillsPerSecond = b.maxSpillsPerSecond;
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.classification = b.classification;
    this.idempotent = b.idempotent;
    this.overload = new EnumMap<>(b.overload);
    this.spillHeadroom = b.spillHeadroom;
    this.spillCoolDown = b.spillCoolDown;
    this.prewarm = b.prewarm;
    this.pricing = b.pricing;
    this.spendCapPerHour = b.spendCapPerHour;
    this.fleetSpendCapPerHour = b.fleetSpendCapPerHour;
    this.fleetMaxConcurrentSpills = b.fleetMaxConcurrentSpills;
    this.retryAttempts = b.retryAttempts;
    this.retryBackoff = b.retryBackoff;
    this.latencySampling = b.latencySampling;
    this.adviceWindow = b.adviceWindow;
    this.adviceCoolDown = b.adviceCoolDown;
    this.circuitBreaker = b.circuitBreaker;
  }

  /** A builder with the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder that starts from {@code base}. */
  public static Builder from(SpillwayConfig base) {
    return new Builder(base);
  }

  /** The defaults: adaptive limit, no function (so calls never spill). */
  public static SpillwayConfig ofDefaults() {
    return custom().build();
  }

  public LimitFactory limit() { return limit; }
  public Duration latencySlo() { return latencySlo; }
  /** The function twin, or {@code null} when the spillway never spills. */
  public FunctionRef function() { return function; }
  public Duration timeout() { return timeout; }
  public Duration maxWait() { return maxWait; }
  public int maxWaiting() { return maxWaiting; }
  public int maxConcurrentSpills() { return maxConcurrentSpills; }
  /** Whether the spill concurrency adapts to the platform's throttling (within the maximum). */
  public boolean adaptiveSpillConcurrency() { return adaptiveSpillConcurrency; }
  /** Spills per second allowed, or 0 for no rate cap. */
  public double maxSpillsPerSecond() { return maxSpillsPerSecond; }
  public int maxPayloadBytes() { return maxPayloadBytes; }
  public Classification classification() { return classification; }
  public boolean idempotent() { return idempotent; }
  public OverloadAction overloadAction(Priority p) { return overload.get(p); }
  public double spillHeadroom() { return spillHeadroom; }
  public Duration spillCoolDown() { return spillCoolDown; }
  /** Pre-warming, or {@code null} when off. */
  public Prewarm prewarm() { return prewarm; }
  public Pricing pricing() { return pricing; }
  /** The spend cap in USD per hour, or 0 for none. */
  public double spendCapPerHour() { return spendCapPerHour; }
  /** The fleet-wide spend cap in USD per hour (all VMs of the service together), or 0. */
  public double fleetSpendCapPerHour() { return fleetSpendCapPerHour; }

  /** The fleet-wide cap on in-flight spills (all VMs of the service together), or 0. */
  public int fleetMaxConcurrentSpills() { return fleetMaxConcurrentSpills; }
  public int retryAttempts() { return retryAttempts; }
  public Duration retryBackoff() { return retryBackoff; }
  public int latencySampling() { return latencySampling; }
  public Duration adviceWindow() { return adviceWindow; }
  /** How long the highest demand holds the extra-replica advice up. */
  public Duration adviceCoolDown() { return adviceCoolDown; }
  /** The settings of the target's circuit breaker, or {@code null} for the breaker registry's. */
  public CircuitBreakerConfig circuitBreaker() { return circuitBreaker; }

  @Override
  public String toString() {
    return "SpillwayConfig[function=" + function + ", slo=" + latencySlo + ", timeout=" + timeout
        + ", maxWait=" + maxWait + ", maxConcurrentSpills=" + maxConcurrentSpills
        + (adaptiveSpillConcurrency ? " (adaptive)" : "")
        + ", maxSpillsPerSecond=" + maxSpillsPerSecond + ", classification=" + classification
        + ", overload=" + overload + ", prewarm=" + prewarm + ", " + pricing + "]";
  }

  /**
   * Keeps {@code instances} function instances warm (no-op invocations every {@code period})
   * while local utilisation is at or above {@code utilisation} (0..1], or while spilling.
   */
  public static final class Prewarm {
    private final int instances;
    private final double utilisation;
    private final Duration period;

    public Prewarm(int instances, double utilisation, Duration period) {
      if (instances < 1) {
        throw new IllegalArgumentException("prewarm instances must be >= 1, was " + instances);
      }
      if (!(utilisation > 0 && utilisation <= 1)) {
        throw new IllegalArgumentException("prewarm utilisation must be in (0, 1], was "
            + utilisation);
      }
      this.instances = instances;
      this.utilisation = utilisation;
      this.period = Builder.positive(period, "prewarm period");
    }

    public int instances() { return instances; }
    public double utilisation() { return utilisation; }
    public Duration period() { return period; }

    @Override
    public String toString() {
      return "Prewarm[" + instances + " at " + utilisation + " every " + period + "]";
    }
  }

  /** Builds a {@link SpillwayConfig}. */
  public static final class Builder {
    private LimitFactory limit = Limits.adaptive();
    private Duration latencySlo = Duration.ofMillis(100);
    private FunctionRef function;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration maxWait = Duration.ofSeconds(2);
    private int maxWaiting = 1000;
    private int maxConcurrentSpills = 100;
    private boolean adaptiveSpillConcurrency = true;
    private double maxSpillsPerSecond;
    private int maxPayloadBytes = Integer.MAX_VALUE;
    private Classification classification = Classification.INTERNAL;
    private boolean idempotent;
    private final Map<Priority, OverloadAction> overload = new EnumMap<>(Priority.class);
    private double spillHeadroom = 0.1;
    private Duration spillCoolDown = Duration.ofSeconds(5);
    private Prewarm prewarm;
    private Pricing pricing = Pricing.awsLambda(256);
    private double spendCapPerHour;
    private double fleetSpendCapPerHour;
    private int fleetMaxConcurrentSpills;
    private int retryAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(50);
    private int latencySampling = 1;
    private Duration adviceWindow = Duration.ofSeconds(60);
    private Duration adviceCoolDown = Duration.ofMinutes(5);
    private CircuitBreakerConfig circuitBreaker;

    private Builder() {
      overload.put(Priority.CRITICAL, OverloadAction.SPILL);
      overload.put(Priority.NORMAL, OverloadAction.SPILL);
      overload.put(Priority.BATCH, OverloadAction.WAIT);
    }

    private Builder(SpillwayConfig c) {
      limit = c.limit;
      latencySlo = c.latencySlo;
      function = c.function;
      timeout = c.timeout;
      maxWait = c.maxWait;
      maxWaiting = c.maxWaiting;
      maxConcurrentSpills = c.maxConcurrentSpills;
      adaptiveSpillConcurrency = c.adaptiveSpillConcurrency;
      maxSpillsPerSecond = c.maxSpillsPerSecond;
      maxPayloadBytes = c.maxPayloadBytes;
      classification = c.classification;
      idempotent = c.idempotent;
      overload.putAll(c.overload);
      spillHeadroom = c.spillHeadroom;
      spillCoolDown = c.spillCoolDown;
      prewarm = c.prewarm;
      pricing = c.pricing;
      spendCapPerHour = c.spendCapPerHour;
      fleetSpendCapPerHour = c.fleetSpendCapPerHour;
      fleetMaxConcurrentSpills = c.fleetMaxConcurrentSpills;
      retryAttempts = c.retryAttempts;
      retryBackoff = c.retryBackoff;
      latencySampling = c.latencySampling;
      adviceWindow = c.adviceWindow;
      adviceCoolDown = c.adviceCoolDown;
      circuitBreaker = c.circuitBreaker;
    }

    /** The local concurrency limit algorithm ({@link Limits#fixed}, {@link Limits#adaptive}). */
    public Builder limit(LimitFactory limit) {
      this.limit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** The latency objective of a local call; SLO-driven limits react to it. */
    public Builder latencySlo(Duration slo) {
      this.latencySlo = positive(slo, "latencySlo");
      return this;
    }

    /** The function twin that takes the excess. Without one, the spillway never spills. */
    public Builder function(FunctionRef function) {
      this.function = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * The deadline of a call that brings none, from its start; 10 s by default. It bounds the
     * spill (a cold start of a JVM function takes 1 to 3 s) and must end before the caller's own
     * upstream gives up (load balancers and gateways wait 30 to 60 s). Set it to your service's
     * own deadline.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * How long an overloaded call waits for a local permit, never past its deadline: a call that
     * cannot spill, and the fallback of a spill that failed. 2 s by default.
     */
    public Builder maxWait(Duration maxWait) {
      Objects.requireNonNull(maxWait, "maxWait");
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must be >= 0, was " + maxWait);
      }
      this.maxWait = maxWait;
      return this;
    }

    /** How many calls may wait for a local permit at once; more are rejected (WAIT_QUEUE_FULL). */
    public Builder maxWaiting(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxWaiting must be >= 0, was " + n);
      }
      this.maxWaiting = n;
      return this;
    }

    public Builder maxConcurrentSpills(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrentSpills must be >= 1, was " + n);
      }
      this.maxConcurrentSpills = n;
      return this;
    }

    /**
     * Whether the spill concurrency learns the platform's room (on by default): each throttle
     * (429) lowers it, successes at the limit raise it slowly back towards
     * {@link #maxConcurrentSpills}, so VMs sharing one capped function settle on a fair share
     * of its cap without coordination and throttles never open the breaker. Off, the spill
     * concurrency is {@code maxConcurrentSpills} whatever the platform answers.
     */
    public Builder adaptiveSpillConcurrency(boolean adaptive) {
      this.adaptiveSpillConcurrency = adaptive;
      return this;
    }

    /** Caps the rate of spilled calls; 0 means no cap. */
    public Builder maxSpillsPerSecond(double rate) {
      if (!(rate >= 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("maxSpillsPerSecond must be >= 0, was " + rate);
      }
      this.maxSpillsPerSecond = rate;
      return this;
    }

    /** The largest encoded request that may spill; a larger call stays local. */
    public Builder maxPayloadBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxPayloadBytes must be >= 1, was " + bytes);
      }
      this.maxPayloadBytes = bytes;
      return this;
    }

    /** The classification of calls that do not bring their own. */
    public Builder classification(Classification c) {
      this.classification = Objects.requireNonNull(c, "classification");
      return this;
    }

    /** Whether calls may run twice (retried on the function with the same request id). */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /** What calls of {@code priority} do under overload. */
    public Builder overloadAction(Priority priority, OverloadAction action) {
      overload.put(Objects.requireNonNull(priority, "priority"),
          Objects.requireNonNull(action, "action"));
      return this;
    }

    /**
     * Hysteresis: once spilling, local admission stays {@code headroom} (a fraction of the limit,
     * rounded down) below the limit, and spilling ends only after that headroom has held for
     * {@code coolDown}. This keeps a service from flapping between local and remote.
     */
    public Builder spillHysteresis(double headroom, Duration coolDown) {
      if (!(headroom >= 0 && headroom <= 0.5)) {
        throw new IllegalArgumentException("headroom must be in [0, 0.5], was " + headroom);
      }
      Objects.requireNonNull(coolDown, "coolDown");
      if (coolDown.isNegative()) {
        throw new IllegalArgumentException("coolDown must be >= 0, was " + coolDown);
      }
      this.spillHeadroom = headroom;
      this.spillCoolDown = coolDown;
      return this;
    }

    /** Turns pre-warming on (it is off by default). */
    public Builder prewarm(int instances, double utilisation, Duration period) {
      this.prewarm = new Prewarm(instances, utilisation, period);
      return this;
    }

    public Builder pricing(Pricing pricing) {
      this.pricing = Objects.requireNonNull(pricing, "pricing");
      return this;
    }

    /** Stops spilling while the spend of the last hour is at or above {@code usd}; 0 is no cap. */
    public Builder spendCapPerHour(double usd) {
      if (!(usd >= 0) || Double.isInfinite(usd)) {
        throw new IllegalArgumentException("spendCapPerHour must be >= 0, was " + usd);
      }
      this.spendCapPerHour = usd;
      return this;
    }

    /**
     * Stops spilling, on every VM of the service, while the whole fleet's spend of the last hour
     * is at {@code usd}; 0 means none. Needs a fleet store on the registry
     * ({@code SpilloverRegistry.Builder.fleet}); each VM reports its spend in batches and, while
     * the store is unreachable, keeps to a static share ({@code usd / fleet size}).
     */
    public Builder fleetSpendCapPerHour(double usd) {
      if (!(usd >= 0) || Double.isInfinite(usd)) {
        throw new IllegalArgumentException("fleetSpendCapPerHour must be >= 0, was " + usd);
      }
      this.fleetSpendCapPerHour = usd;
      return this;
    }

    /**
     * Caps the spills in flight on all VMs of the service together at {@code n}; 0 means none.
     * Needs a fleet store on the registry ({@code SpilloverRegistry.Builder.fleet}). Each VM
     * leases permits in blocks in the background; a spill with no leased permit left is refused
     * as for a full spill budget (it runs locally within {@code maxWait}). While the store is
     * unreachable each VM keeps to a static share ({@code n / fleet size}).
     */
    public Builder fleetMaxConcurrentSpills(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("fleetMaxConcurrentSpills must be >= 0, was " + n);
      }
      this.fleetMaxConcurrentSpills = n;
      return this;
    }

    /** Attempts on the function for a failure that is safe to retry (exponential backoff). */
    public Builder retry(int attempts, Duration backoff) {
      if (attempts < 1) {
        throw new IllegalArgumentException("retry attempts must be >= 1, was " + attempts);
      }
      this.retryAttempts = attempts;
      this.retryBackoff = positive(backoff, "retry backoff");
      return this;
    }

    /** Times one local call in {@code everyN} (a power of two) for adaptive limits. */
    public Builder latencySampling(int everyN) {
      if (everyN < 1 || Integer.bitCount(everyN) != 1) {
        throw new IllegalArgumentException("latencySampling must be a power of two, was " + everyN);
      }
      this.latencySampling = everyN;
      return this;
    }

    /** The window over which the spill rate and the demand are averaged into scale advice. */
    public Builder adviceWindow(Duration window) {
      this.adviceWindow = positive(window, "adviceWindow");
      return this;
    }

    /**
     * Hysteresis of the extra-replica advice: it falls only when the higher demand is older than
     * this (default 5 minutes, like the HPA's scale-down stabilisation); 0 turns the hold off.
     */
    public Builder adviceCoolDown(Duration coolDown) {
      Objects.requireNonNull(coolDown, "adviceCoolDown");
      if (coolDown.isNegative()) {
        throw new IllegalArgumentException("adviceCoolDown must be >= 0, was " + coolDown);
      }
      this.adviceCoolDown = coolDown;
      return this;
    }

    /**
     * The settings of the function target's circuit breaker (Resilience4j): failure rate
     * threshold, sliding window, wait in the open state, calls permitted half-open. The breaker
     * belongs to the target, so spillways that share a target share it: the first to create it
     * sets it, and a breaker that the {@code CircuitBreakerRegistry} already holds under
     * "provider:target" is used as it is. Without settings, the registry's default config
     * applies (Resilience4j's defaults: 50 % failures over the last 100 calls open it for 60 s).
     */
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      this.circuitBreaker = Objects.requireNonNull(config, "config");
      return this;
    }

    public SpillwayConfig build() {
      if (prewarm != null && function == null) {
        throw new IllegalArgumentException("prewarm needs a function");
      }
      return new SpillwayConfig(this);
    }

    static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
