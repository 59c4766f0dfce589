package io.spillover.spring.boot.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.spillover.SpillwayConfig;
import io.spillover.spring.boot.SpilloverProperties;
import io.spillover.spring.boot.SpilloverPropertyException;
import io.spillover.spring.boot.SpillwayConfigCustomizer;
import io.spillover.spring.boot.SpillwayProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns {@code spillover.configs.*}, {@code spillover.spillways.*} and the customizers into
 * {@link SpillwayConfig}s: library defaults &lt; base config (default: "default") &lt; own
 * properties &lt; customizers of the same name. Every configured name is resolved in the
 * constructor, so a bad value fails startup.
 */
public final class SpillwayConfigResolver {
  static final String DEFAULT = "default";

  private final Map<String, SpillwayProperties> configProps;
  private final Map<String, SpillwayProperties> spillwayProps;
  private final Map<String, List<SpillwayConfigCustomizer>> customizers = new LinkedHashMap<>();
  private final Map<String, SpillwayConfig> configs = new LinkedHashMap<>();
  private final Map<String, FunctionParts> configFunctions = new LinkedHashMap<>();
  private final Map<String, SpillwayConfig> spillways = new ConcurrentHashMap<>();
  private final CircuitBreakerConfig defaultBreaker;

  public SpillwayConfigResolver(SpilloverProperties properties,
      List<SpillwayConfigCustomizer> customizers) {
    this(properties, customizers, CircuitBreakerConfig.ofDefaults());
  }

  /**
   * {@code defaultBreaker}: the config circuit-breaker keys start from when no base config sets
   * any, i.e. the default config of the application's CircuitBreakerRegistry, if it has one.
   */
  public SpillwayConfigResolver(SpilloverProperties properties,
      List<SpillwayConfigCustomizer> customizers, CircuitBreakerConfig defaultBreaker) {
    this.defaultBreaker = defaultBreaker;
    this.configProps = properties.getConfigs();
    this.spillwayProps = properties.getSpillways();
    customizers.forEach(c -> this.customizers.computeIfAbsent(c.name(), n -> new ArrayList<>())
        .add(c));
    config(DEFAULT, new LinkedHashSet<>());
    configProps.keySet().forEach(name -> config(name, new LinkedHashSet<>()));
    spillwayProps.keySet().forEach(this::spillway);
  }

  /** The named configs: "default" and every {@code spillover.configs.<name>}. */
  public Map<String, SpillwayConfig> namedConfigs() {
    return Map.copyOf(configs);
  }

  /** The names under {@code spillover.spillways}. */
  public Set<String> configuredSpillways() {
    return Set.copyOf(spillwayProps.keySet());
  }

  /** The config of the spillway {@code name} (configured or not). */
  public SpillwayConfig spillway(String name) {
    SpillwayConfig c = spillways.get(name);
    if (c == null) {
      // computed outside computeIfAbsent: resolving may read other maps and throw
      c = build(name, "spillover.spillways." + name, spillwayProps.get(name), new LinkedHashSet<>(),
          false);
      spillways.putIfAbsent(name, c);
    }
    return spillways.get(name);
  }

  private SpillwayConfig config(String name, Set<String> resolving) {
    SpillwayConfig done = configs.get(name);
    if (done != null) {
      return done;
    }
    String prefix = "spillover.configs." + name;
    if (!resolving.add(name)) {
      throw new SpilloverPropertyException(prefix + ".base-config",
          "base-config cycle " + String.join(" -> ", resolving) + " -> " + name
          + " (a config without base-config starts from '" + DEFAULT + "')", null);
    }
    SpillwayConfig c = build(name, prefix, configProps.get(name), resolving, true);
    configs.put(name, c);
    return c;
  }

  private SpillwayConfig build(String name, String prefix, SpillwayProperties props,
      Set<String> resolving, boolean named) {
    String baseName = base(prefix, props, resolving);
    SpillwayConfig base = baseName == null ? SpillwayConfig.ofDefaults() : configs.get(baseName);
    FunctionParts function = baseName == null ? FunctionParts.NONE
        : configFunctions.get(baseName);
    SpillwayConfig.Builder builder = SpillwayConfig.from(base);
    if (props != null) {
      SpillwayPropertyMapper mapper = new SpillwayPropertyMapper(prefix, base, defaultBreaker);
      mapper.apply(props, builder);
      function = mapper.function(props.getFunction(), function, builder);
    }
    for (SpillwayConfigCustomizer customizer : customizers.getOrDefault(name, List.of())) {
      try {
        customizer.customize(builder);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalStateException("SpillwayConfigCustomizer for '" + name + "' ("
            + customizer.getClass().getName() + ") failed: " + e.getMessage(), e);
      }
    }
    SpillwayConfig built;
    try {
      built = builder.build();
    } catch (IllegalArgumentException e) {
      throw new SpilloverPropertyException(prefix, e.getMessage(), e);
    }
    if (named) {
      configFunctions.put(name, built.function() != null ? FunctionParts.of(built.function())
          : function);
    } else if (built.function() == null && !function.isEmpty()) {
      throw new SpilloverPropertyException(prefix + ".function", "function."
          + (function.provider() == null ? "provider" : "target")
          + " is not set here nor in the base config", null);
    }
    return built;
  }

  /** The name of the base config, resolved; null at the root (the library defaults). */
  private String base(String prefix, SpillwayProperties props, Set<String> resolving) {
    String baseName = props == null ? null : props.getBaseConfig();
    if (baseName == null) {
      boolean isDefault = prefix.equals("spillover.configs." + DEFAULT);
      if (isDefault) {
        return null;
      }
      baseName = DEFAULT;
    } else if (!configProps.containsKey(baseName) && !DEFAULT.equals(baseName)) {
      throw new SpilloverPropertyException(prefix + ".base-config", "no config named '"
          + baseName + "' under spillover.configs (have " + configProps.keySet() + ")", null);
    }
    config(baseName, resolving);
    return baseName;
  }
}
