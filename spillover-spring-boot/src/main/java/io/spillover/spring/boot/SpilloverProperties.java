package io.spillover.spring.boot;

import io.spillover.TargetCheckMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Spillover's Spring Boot properties, under {@code spillover.*}.
 *
 * <pre>
 * spillover.configs.default.latency-slo=50ms
 * spillover.configs.lambda.function.provider=lambda
 * spillover.spillways.compose-post.base-config=lambda
 * spillover.spillways.compose-post.function.target=social-compose-post:live
 * spillover.spillways.compose-post.limit.type=fixed
 * spillover.spillways.compose-post.limit.value=64
 * </pre>
 *
 * <p>Every config and spillway without {@code base-config} starts from
 * {@code spillover.configs.default} (when set), else from the library defaults of
 * {@link io.spillover.SpillwayConfig}. Unset properties inherit; set ones override.
 */
@ConfigurationProperties(prefix = "spillover")
public class SpilloverProperties {

  /** Whether to auto-configure Spillover (the registry, @Spillover methods, metrics, endpoint). */
  private boolean enabled = true;

  /**
   * How often the registry runs each spillway's periodic work (limit events, hysteresis, scale
   * advice, pre-warming). 0 turns the timer off.
   */
  private Duration tickInterval = Duration.ofSeconds(1);

  /** Named, shareable spillway configs; a spillway names one with base-config. */
  private Map<String, SpillwayProperties> configs = new LinkedHashMap<>();

  /**
   * Per-spillway settings, keyed by the spillway (service) name; each takes the keys of
   * spillover.configs.default, which are listed with their descriptions.
   */
  private Map<String, SpillwayProperties> spillways = new LinkedHashMap<>();

  /**
   * Limits of function deployments shared by several spillways, by any name, e.g.
   * spillover.functions.social.provider=lambda, .target=social-twin, .max-concurrency=100.
   */
  private Map<String, SharedFunction> functions = new LinkedHashMap<>();

  /** Function platforms the registry can spill to. */
  @NestedConfigurationProperty
  private ProvidersProperties providers = new ProvidersProperties();

  private final Metrics metrics = new Metrics();

  private final Annotations annotations = new Annotations();

  private final StartupCheck startupCheck = new StartupCheck();

  private final Web web = new Web();

  /** Fleet-wide budgets shared by the VMs of a service (spillover.fleet.zookeeper.*). */
  private final FleetProperties fleet = new FleetProperties();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Duration getTickInterval() {
    return tickInterval;
  }

  public void setTickInterval(Duration tickInterval) {
    this.tickInterval = tickInterval;
  }

  public Map<String, SpillwayProperties> getConfigs() {
    return configs;
  }

  public void setConfigs(Map<String, SpillwayProperties> configs) {
    this.configs = configs;
  }

  public Map<String, SharedFunction> getFunctions() {
    return functions;
  }

  public void setFunctions(Map<String, SharedFunction> functions) {
    this.functions = functions;
  }

  /** One function deployment that several spillways spill to. */
  public static class SharedFunction {
    /** The provider's name, e.g. lambda. */
    private String provider;

    /** The target within the provider, e.g. a Lambda function name (with its qualifier). */
    private String target;

    /**
     * The most calls in flight to it at once, summed over every spillway that spills to it; size
     * it to the function's concurrency divided by the VMs that share it.
     */
    private Integer maxConcurrency;

    public String getProvider() {
      return provider;
    }

    public void setProvider(String provider) {
      this.provider = provider;
    }

    public String getTarget() {
      return target;
    }

    public void setTarget(String target) {
      this.target = target;
    }

    public Integer getMaxConcurrency() {
      return maxConcurrency;
    }

    public void setMaxConcurrency(Integer maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
    }
  }

  public Map<String, SpillwayProperties> getSpillways() {
    return spillways;
  }

  public void setSpillways(Map<String, SpillwayProperties> spillways) {
    this.spillways = spillways;
  }

  public ProvidersProperties getProviders() {
    return providers;
  }

  public void setProviders(ProvidersProperties providers) {
    this.providers = providers;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Annotations getAnnotations() {
    return annotations;
  }

  public StartupCheck getStartupCheck() {
    return startupCheck;
  }

  public FleetProperties getFleet() {
    return fleet;
  }

  public Web getWeb() {
    return web;
  }

  /** What is checked when the application starts, and what a problem does. */
  public static class StartupCheck {
    /**
     * Checks each spillway's function target (deployed, serves the spillway, reachable): warn
     * logs one line per problem, fail stops the application, off checks nothing.
     */
    private TargetCheckMode targets = TargetCheckMode.WARN;

    /** How long one target check may take. */
    private Duration timeout = Duration.ofSeconds(2);

    /**
     * Checks the spillover.* properties: spillways no @Spillover method or code created, unknown
     * keys. fail stops the application, warn logs, off checks nothing.
     */
    private TargetCheckMode properties = TargetCheckMode.FAIL;

    public TargetCheckMode getTargets() {
      return targets;
    }

    public void setTargets(TargetCheckMode targets) {
      this.targets = targets;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public TargetCheckMode getProperties() {
      return properties;
    }

    public void setProperties(TargetCheckMode properties) {
      this.properties = properties;
    }
  }

  /** Spring MVC and WebFlux. */
  public static class Web {
    private final ProblemDetails problemDetails = new ProblemDetails();

    public ProblemDetails getProblemDetails() {
      return problemDetails;
    }
  }

  /** The answer of a web request whose spillway rejected the call. */
  public static class ProblemDetails {
    /**
     * Whether a SpillRejectedException becomes a 503 problem detail (with Retry-After where the
     * wait is known); the application's own exception handlers take precedence.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Micrometer binding. */
  public static class Metrics {
    /** Whether to publish spillover.* meters when a MeterRegistry bean exists. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The @Spillover method annotation. */
  public static class Annotations {
    /** Whether calls to @Spillover bean methods go through their spillway. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
