package io.spillover;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.spillover.codec.Codec;
import io.spillover.codec.TypeRef;
import io.spillover.fleet.FleetStore;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.TargetCheck;
import io.spillover.internal.ServiceNames;
import io.spillover.internal.engine.CompositeListener;
import io.spillover.internal.engine.DefaultSpillway;
import io.spillover.internal.engine.SpillBudget;
import io.spillover.internal.engine.SpillLimit;
import io.spillover.internal.engine.SpillFailureLog;
import io.spillover.internal.engine.SpillwayParts;
import io.spillover.internal.engine.TargetChecks;
import io.spillover.seal.CallSealer;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named spillways and named configs, with the providers, codec, clock and listeners they share.
 * One spillway per protected service; ask for it by name wherever the service is called.
 *
 * <pre>{@code
 * SpilloverRegistry registry = SpilloverRegistry.builder()
 *     .provider(LambdaProvider.builder().region("eu-west-1").build())
 *     .build();
 * Spillway<ComposeRequest, ComposeResponse> compose = registry.spillway("compose-post",
 *     SpillwayConfig.custom().function(FunctionRef.of("lambda", "social-compose-post:live")).build(),
 *     ComposeRequest.class, ComposeResponse.class);
 * }</pre>
 *
 * <p>Close the registry to stop its timer and close the providers it was given.
 */
public final class SpilloverRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpilloverRegistry.class);
  private final Map<String, FunctionProvider> providers;
  private final Map<String, SpillwayConfig> configs = new ConcurrentHashMap<>();
  private final Map<String, Entry> spillways = new ConcurrentHashMap<>();
  private final List<Consumer<Spillway<?, ?>>> onAdded = new CopyOnWriteArrayList<>();
  private final Codec codec;
  private final SpilloverClock clock;
  private final SpillwayListener listener;
  private final boolean timeCalls;
  private final CallSealer sealer;
  private final CircuitBreakerRegistry breakers;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final Executor asyncExecutor;
  private final Map<FunctionRef, SpillBudget> functionBudgets = new ConcurrentHashMap<>();
  private final FleetStore fleet;
  private final TargetChecks targetChecks;
  private final Map<String, CompletableFuture<TargetCheck>> checks = new ConcurrentHashMap<>();

  private SpilloverRegistry(Builder b) {
    this.providers = new LinkedHashMap<>(b.providers);
    this.configs.putAll(b.configs);
    this.codec = b.codec;
    this.clock = b.clock;
    List<SpillwayListener> all = new ArrayList<>(b.listeners);
    this.timeCalls = !all.isEmpty(); // the failure log below times nothing
    all.add(new SpillFailureLog(b.clock));
    this.listener = CompositeListener.of(all);
    this.sealer = b.sealer;
    this.fleet = b.fleet;
    this.breakers = b.breakers != null ? b.breakers : CircuitBreakerRegistry.ofDefaults();
    this.ownScheduler = b.scheduler == null;
    this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spillover-timer");
      t.setDaemon(true);
      return t;
    }) : b.scheduler;
    // learnt like a spillway's own limit, so that a VM's spillways to one capped function settle
    // on the VM's share together, as one sender, not as one sender per spillway
    b.functionConcurrency.forEach((ref, max) -> functionBudgets.put(ref,
        new SpillBudget(max, 0, new SpillLimit(max))));
    this.asyncExecutor = b.asyncExecutor != null ? b.asyncExecutor : Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, "spillover-async");
          t.setDaemon(true);
          return t;
        });
    this.targetChecks = new TargetChecks(b.targetCheckMode, b.targetCheckTimeout, asyncExecutor);
    if (!b.tickInterval.isZero()) {
      long ms = b.tickInterval.toMillis();
      scheduler.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A registry with no providers: its spillways admit and wait, but never spill. */
  public static SpilloverRegistry ofDefaults() {
    return builder().build();
  }

  /** The spillway {@code name} with the default config (created on first use). */
  public <Q, R> Spillway<Q, R> spillway(String name, Class<Q> requestType, Class<R> responseType) {
    return spillway(name, configuration("default"), requestType, responseType);
  }

  /** The spillway {@code name} with the named config {@code configName}. */
  public <Q, R> Spillway<Q, R> spillway(String name, String configName, Class<Q> requestType,
      Class<R> responseType) {
    return spillway(name, configuration(configName), requestType, responseType);
  }

  /**
   * The spillway {@code name}, created with {@code config} on first use. Asking again returns the
   * same instance (the config of the first call wins, as in Resilience4j's registries).
   *
   * @throws IllegalArgumentException if the name is invalid, the config's provider is not
   *     registered, or the spillway exists with other request or response types
   * @throws TargetCheckException with {@link TargetCheckMode#FAIL}, when the check of the
   *     function target finds a problem (the spillway is not created)
   */
  public <Q, R> Spillway<Q, R> spillway(String name, SpillwayConfig config, Class<Q> requestType,
      Class<R> responseType) {
    Objects.requireNonNull(responseType, "responseType");
    return spillway(name, config, requestType, TypeRef.of(responseType));
  }

  /**
   * The same for a reply type with type arguments, e.g. {@code new TypeRef<List<Post>>() {}};
   * the codec decodes the function's reply to that type.
   */
  @SuppressWarnings("unchecked")
  public <Q, R> Spillway<Q, R> spillway(String name, SpillwayConfig config, Class<Q> requestType,
      TypeRef<R> responseType) {
    ServiceNames.require(name);
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(requestType, "requestType");
    Objects.requireNonNull(responseType, "responseType");
    boolean[] created = {false};
    Entry e = spillways.computeIfAbsent(name, n -> {
      created[0] = true;
      return new Entry(create(n, config, responseType.type()), requestType,
          responseType.type());
    });
    if (e.requestType != requestType || !e.responseType.equals(responseType.type())) {
      throw new IllegalArgumentException("spillway '" + name + "' exists for "
          + e.requestType.getSimpleName() + " -> " + e.responseType.getTypeName());
    }
    if (created[0]) {
      onAdded.forEach(c -> c.accept(e.spillway));
    }
    return (Spillway<Q, R>) e.spillway;
  }

  private DefaultSpillway<Object, Object> create(String name, SpillwayConfig config,
      Type responseType) {
    FunctionInvoker invoker = null;
    CircuitBreaker breaker = null;
    FunctionRef ref = config.function();
    if (ref != null) {
      FunctionProvider provider = providers.get(ref.provider());
      if (provider == null) {
        throw new IllegalArgumentException("spillway '" + name + "' needs provider '"
            + ref.provider() + "', registered: " + providers.keySet());
      }
      invoker = provider.invoker(ref);
      checks.put(name, targetChecks.run(name, ref, invoker));
      breaker = breaker(name, ref, config.circuitBreaker());
    }
    SpillwayParts<Object> parts = new SpillwayParts<>(name, config, clock, listener, timeCalls,
        asyncExecutor, invoker, breaker, ref == null ? null : functionBudgets.get(ref), scheduler,
        codec, sealer, responseType);
    if (config.fleetSpendCapPerHour() > 0) {
      if (fleet == null) {
        throw new IllegalArgumentException("spillway '" + name + "' has a fleetSpendCapPerHour,"
            + " which needs a fleet store: SpilloverRegistry.builder().fleet(store)");
      }
      parts.fleet(fleet.spend(name));
    }
    if (config.fleetMaxConcurrentSpills() > 0) {
      if (fleet == null) {
        throw new IllegalArgumentException("spillway '" + name + "' has a fleetMaxConcurrentSpills,"
            + " which needs a fleet store: SpilloverRegistry.builder().fleet(store)");
      }
      parts.fleetPermits(fleet.permits(name, config.fleetMaxConcurrentSpills()));
    }
    return parts.build();
  }

  /**
   * The target's breaker, shared by every spillway that spills to it: an existing one as it is,
   * else one with the spillway's settings, else one with the breaker registry's default config.
   */
  private CircuitBreaker breaker(String spillway, FunctionRef ref, CircuitBreakerConfig wanted) {
    if (wanted == null) {
      return breakers.circuitBreaker(ref.toString());
    }
    CircuitBreaker b = breakers.circuitBreaker(ref.toString(), wanted);
    if (b.getCircuitBreakerConfig() != wanted) {
      LOG.warn("Spillover: spillway '{}' has circuit-breaker settings, but the breaker of {} "
          + "already exists (another spillway or the application's CircuitBreakerRegistry "
          + "made it): that one is used as it is", spillway, ref);
    }
    return b;
  }

  /**
   * The result of the startup check of spillway {@code name}'s function target (see
   * {@link Builder#targetCheck}): complete at once with {@link TargetCheckMode#FAIL}, later with
   * {@link TargetCheckMode#WARN}, {@code null} with {@link TargetCheckMode#OFF}. Empty when the
   * spillway does not exist or has no function.
   */
  public Optional<CompletionStage<TargetCheck>> targetCheck(String name) {
    return Optional.ofNullable(checks.get(name));
  }

  /** The registered providers, in registration order. */
  public List<FunctionProvider> providers() {
    return List.copyOf(providers.values());
  }

  /** The spillway {@code name}, if it exists. */
  public Optional<Spillway<?, ?>> find(String name) {
    Entry e = spillways.get(name);
    return e == null ? Optional.empty() : Optional.of(e.spillway);
  }

  public Collection<Spillway<?, ?>> all() {
    List<Spillway<?, ?>> list = new ArrayList<>();
    spillways.values().forEach(e -> list.add(e.spillway));
    return list;
  }

  /** Registers a named config for {@link #spillway(String, String, Class, Class)}. */
  public void addConfiguration(String name, SpillwayConfig config) {
    configs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config"));
  }

  /** The named config; {@code "default"} is {@link SpillwayConfig#ofDefaults()} unless replaced. */
  public SpillwayConfig configuration(String name) {
    SpillwayConfig c = configs.get(name);
    if (c == null && "default".equals(name)) {
      return SpillwayConfig.ofDefaults();
    }
    if (c == null) {
      throw new IllegalArgumentException("no configuration named '" + name + "', have "
          + configs.keySet());
    }
    return c;
  }

  /** Called with every spillway created from now on (and not with existing ones). */
  public void onSpillwayAdded(Consumer<Spillway<?, ?>> consumer) {
    onAdded.add(Objects.requireNonNull(consumer, "consumer"));
  }

  public CircuitBreakerRegistry circuitBreakerRegistry() {
    return breakers;
  }

  /** Runs every spillway's periodic work now (the registry's timer does this every second). */
  public void tick() {
    spillways.values().forEach(e -> e.spillway.tick());
  }

  @Override
  public void close() {
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
    providers.values().forEach(FunctionProvider::close);
  }

  private static final class Entry {
    final DefaultSpillway<?, ?> spillway;
    final Class<?> requestType;
    final Type responseType;

    Entry(DefaultSpillway<?, ?> spillway, Class<?> requestType, Type responseType) {
      this.spillway = spillway;
      this.requestType = requestType;
      this.responseType = responseType;
    }
  }

  /** Builds a {@link SpilloverRegistry}. */
  public static final class Builder {
    private final Map<String, FunctionProvider> providers = new LinkedHashMap<>();
    private final Map<String, SpillwayConfig> configs = new LinkedHashMap<>();
    private final List<SpillwayListener> listeners = new ArrayList<>();
    private Codec codec = Codec.json();
    private SpilloverClock clock = SpilloverClock.system();
    private CallSealer sealer;
    private CircuitBreakerRegistry breakers;
    private ScheduledExecutorService scheduler;
    private Executor asyncExecutor;
    private Duration tickInterval = Duration.ofSeconds(1);
    private final Map<FunctionRef, Integer> functionConcurrency = new LinkedHashMap<>();
    private TargetCheckMode targetCheckMode = TargetCheckMode.WARN;
    private FleetStore fleet;
    private Duration targetCheckTimeout = Duration.ofSeconds(2);

    private Builder() {}

    /**
     * The most calls this registry keeps in flight to {@code function} at once, summed over every
     * spillway that spills to it. Size it to the function's concurrency (Lambda reserved
     * concurrency, an OpenWhisk action's limit) divided by the VMs that share it: a spill beyond
     * it would only come back throttled, so the call stays on the VM path instead (it waits for a
     * local permit, or is refused with {@code SPILL_CONCURRENCY_FULL}). Without it, each
     * spillway's {@code maxConcurrentSpills} is the only bound.
     *
     * <p>The bound is also learnt: the platform's throttles lower it and successes raise it back
     * up to {@code maxConcurrent}, as each spillway's own spill limit is (docs/fleet.md), but fed
     * by all the spillways to {@code function} together, so that a VM with several of them probes
     * a capped platform as one sender. If you do not know the platform's cap, a generous value
     * still gives that; it starts at {@code maxConcurrent} and costs nothing while no 429 comes.
     */
    public Builder functionConcurrency(FunctionRef function, int maxConcurrent) {
      Objects.requireNonNull(function, "function");
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("functionConcurrency for " + function
            + " must be >= 1, was " + maxConcurrent);
      }
      functionConcurrency.put(function, maxConcurrent);
      return this;
    }

    /**
     * The store the VMs of a fleet share for fleet-wide budgets (a spillway's
     * {@code fleetSpendCapPerHour}), e.g. {@code ZooKeeperFleetStore} of spillover-zookeeper.
     * The registry uses it but does not close it.
     */
    public Builder fleet(FleetStore store) {
      this.fleet = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Registers a function platform under its {@link FunctionProvider#name()}. */
    public Builder provider(FunctionProvider provider) {
      Objects.requireNonNull(provider, "provider");
      if (providers.putIfAbsent(provider.name(), provider) != null) {
        throw new IllegalArgumentException("provider '" + provider.name() + "' registered twice");
      }
      return this;
    }

    public Builder configuration(String name, SpillwayConfig config) {
      configs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config"));
      return this;
    }

    public Builder codec(Codec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener for every decision of every spillway. */
    public Builder listener(SpillwayListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Seals confidential calls (from {@code spillover-attest}); without it they never spill. */
    public Builder callSealer(CallSealer sealer) {
      this.sealer = Objects.requireNonNull(sealer, "sealer");
      return this;
    }

    /**
     * Your Resilience4j registry: one breaker per function target, named "provider:target". A
     * breaker it already holds under that name is used as it is; else one is made with the
     * spillway's {@link SpillwayConfig.Builder#circuitBreaker settings}, or with this registry's
     * default config when the spillway has none.
     */
    public Builder circuitBreakerRegistry(CircuitBreakerRegistry breakers) {
      this.breakers = Objects.requireNonNull(breakers, "breakers");
      return this;
    }

    /** The scheduler for retries' backoff and the periodic tick; you keep ownership. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Where {@code callAsync} runs a local call whose permit another thread handed over. */
    public Builder asyncExecutor(Executor executor) {
      this.asyncExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How often the periodic work runs; {@link Duration#ZERO} turns the timer off (tests). */
    public Builder tickInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("tickInterval must be >= 0");
      }
      this.tickInterval = interval;
      return this;
    }

    /**
     * Whether and how each new spillway's function target is checked, by
     * {@link io.spillover.function.FunctionInvoker#check}: is it deployed, does it serve the
     * spillway's service, can it be reached. {@link TargetCheckMode#WARN} by default (one WARN
     * line per problem, the spillway is created anyway); {@link TargetCheckMode#FAIL} in tests
     * and CI turns a problem into a {@link TargetCheckException}. {@code timeout} bounds each
     * check (2 s by default).
     */
    public Builder targetCheck(TargetCheckMode mode, Duration timeout) {
      this.targetCheckMode = Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("target check timeout must be positive, was "
            + timeout);
      }
      this.targetCheckTimeout = timeout;
      return this;
    }

    public SpilloverRegistry build() {
      return new SpilloverRegistry(this);
    }
  }
}
