package io.spillover.samples.inference.vm;

import io.spillover.Classification;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayMetrics;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPublicKeyset;
import io.spillover.attest.seal.SealedSpillListener;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.spillover.limit.Limits;
import io.spillover.samples.inference.InferenceRequest;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import io.spillover.samples.inference.model.Model;
import io.spillover.samples.inference.model.ModelCatalog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The VM side: the inference service its tenants call. The VM is trusted, so it holds every
 * model in plain and checks its tenants' grants itself (a mirror of the key service's ACL). Each
 * tenant has its own spillway, classified {@code CONFIDENTIAL}, whose excess spills sealed
 * <em>as that tenant</em> (its own caller identity signs the session), so the twin, with the key
 * service, decides per tenant what it may run. Inference is a pure function of its input: the
 * calls are idempotent, which lets them spill to a twin without a replay guard shared by its
 * instances. Without a twin ({@code spill} off) the spillways never spill: the VM alone.
 */
public final class VmInference implements AutoCloseable {
  private final Map<String, Model> models = new LinkedHashMap<>();
  private final Map<String, Set<String>> grants;
  private final Consumer<InferenceRequest> localWork;
  private final Map<String, SpilloverRegistry> registries = new LinkedHashMap<>();
  private final Map<String, Spillway<InferenceRequest, Prediction>> spillways =
      new LinkedHashMap<>();

  private VmInference(Builder b) {
    ModelCatalog.NAMES.forEach(n -> models.put(n, ModelCatalog.reference(n)));
    this.grants = Map.copyOf(b.grants);
    long millis = b.modelMillis;
    this.localWork = b.localWork != null ? b.localWork : r -> sleep(millis);
    for (CallerIdentity tenant : b.tenants) {
      SpilloverRegistry.Builder registry = SpilloverRegistry.builder();
      SpillwayConfig.Builder config = SpillwayConfig.custom().limit(Limits.fixed(b.localLimit))
          .classification(Classification.CONFIDENTIAL).idempotent(true).timeout(b.timeout)
          .maxWait(b.maxWait);
      if (b.twin != null) {
        SealingCallSealer.Builder sealer = SealingCallSealer.builder().caller(tenant)
            .target(b.twin, b.keyset);
        if (b.spillListener != null) {
          sealer.spillListener(b.spillListener);
        }
        registry.provider(b.providers.apply(tenant.name())).callSealer(sealer.build());
        // a 429 is the platform's back-pressure, not a broken twin: it must not open the breaker
        config.function(b.twin).maxConcurrentSpills(b.maxConcurrentSpills)
            .circuitBreaker(CircuitBreakerConfig.custom()
                .ignoreExceptions(FunctionThrottledException.class)
                .waitDurationInOpenState(Duration.ofSeconds(5)).build());
        if (b.prewarm != null) {
          // keeps a twin instance started while the VM is busy, so a spike meets a warm JVM
          config.prewarm(1, 0.25, b.prewarm);
        }
      }
      SpilloverRegistry r = registry.build();
      registries.put(tenant.name(), r);
      spillways.put(tenant.name(), r.spillway("infer", config.build(), InferenceRequest.class,
          Prediction.class));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers {@code request} for {@code tenant}: here, or spilled sealed to the twin.
   *
   * @throws io.spillover.SpillRejectedException when it ran nowhere (overload)
   * @throws IllegalArgumentException for a tenant this service does not know
   */
  public Prediction infer(String tenant, InferenceRequest request) {
    Spillway<InferenceRequest, Prediction> spillway = spillways.get(tenant);
    if (spillway == null) {
      throw new IllegalArgumentException("unknown tenant '" + tenant + "'");
    }
    return spillway.call(request, r -> local(tenant, r));
  }

  /** Each tenant's spillway counters. */
  public Map<String, SpillwayMetrics> metrics() {
    Map<String, SpillwayMetrics> out = new LinkedHashMap<>();
    spillways.forEach((tenant, s) -> out.put(tenant, s.metrics()));
    return out;
  }

  private Prediction local(String tenant, InferenceRequest request) {
    Model model = models.get(request.model());
    if (model == null) {
      return Prediction.notServed(request, Outcome.UNKNOWN_MODEL, "vm", null);
    }
    if (!grants.getOrDefault(request.model(), Set.of()).contains(tenant)) {
      return Prediction.notServed(request, Outcome.NOT_GRANTED, "vm", null);
    }
    localWork.accept(request);
    Model.Result r = model.predict(request.vitals());
    return new Prediction(request.patient(), request.model(), Outcome.SERVED, r.label(),
        r.score(), "vm", null);
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis); // the model's compute time on the VM
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    registries.values().forEach(SpilloverRegistry::close);
  }

  /** Builds a {@link VmInference}. */
  public static final class Builder {
    private List<CallerIdentity> tenants = List.of();
    private Map<String, Set<String>> grants = Map.of();
    private int localLimit = 2;
    private long modelMillis;
    private Consumer<InferenceRequest> localWork;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration maxWait = Duration.ofSeconds(2);
    private FunctionRef twin;
    private FunctionPublicKeyset keyset;
    private Function<String, FunctionProvider> providers;
    private SealedSpillListener spillListener;
    private Duration prewarm;
    private int maxConcurrentSpills = 100;

    private Builder() {}

    /** The tenants, each a caller identity registered at the key service. */
    public Builder tenants(List<CallerIdentity> tenants) {
      this.tenants = List.copyOf(tenants);
      return this;
    }

    /** Model name to the tenants granted it (the key service's grants, mirrored). */
    public Builder grants(Map<String, Set<String>> grants) {
      this.grants = Map.copyOf(grants);
      return this;
    }

    /** Concurrent local calls per tenant (the VM's share for it). */
    public Builder localLimit(int permits) {
      this.localLimit = permits;
      return this;
    }

    /** The compute each local inference stands for. */
    public Builder modelMillis(long millis) {
      this.modelMillis = millis;
      return this;
    }

    /** What each local inference does besides the model (default: sleep {@link #modelMillis}). */
    public Builder localWork(Consumer<InferenceRequest> work) {
      this.localWork = Objects.requireNonNull(work, "work");
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder maxWait(Duration maxWait) {
      this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
      return this;
    }

    /**
     * Spills to {@code twin}, sealed to {@code keyset}, through the provider {@code providers}
     * makes for each tenant (its name is the target's provider name).
     */
    public Builder twin(FunctionRef twin, FunctionPublicKeyset keyset,
        Function<String, FunctionProvider> providers) {
      this.twin = Objects.requireNonNull(twin, "twin");
      this.keyset = Objects.requireNonNull(keyset, "keyset");
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    /**
     * Pings the twin every {@code period} while a tenant's local utilisation is at or above a quarter
     * (Spillover's pre-warming): the ping starts an instance, it does not attest it.
     */
    public Builder prewarm(Duration period) {
      this.prewarm = Objects.requireNonNull(period, "period");
      return this;
    }

    /** Sealed spills in flight per tenant at most (its share of the twin's capacity). */
    public Builder maxConcurrentSpills(int n) {
      this.maxConcurrentSpills = n;
      return this;
    }

    /** Told of every sealed spill and tampered reply (e.g. the audit log's listener). */
    public Builder spillListener(SealedSpillListener listener) {
      this.spillListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public VmInference build() {
      if (tenants.isEmpty()) {
        throw new IllegalArgumentException("at least one tenant is needed");
      }
      return new VmInference(this);
    }
  }
}
