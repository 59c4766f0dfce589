package io.spillover.spring.boot.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayListener;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.seal.CallSealer;
import io.spillover.spring.boot.FunctionProviderFactory;
import io.spillover.spring.boot.ProvidersProperties;
import io.spillover.spring.boot.SpilloverProperties;
import io.spillover.spring.boot.SpilloverPropertyException;
import io.spillover.spring.boot.SpilloverRegistryCustomizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the auto-configured registry and checks that every function names a provider. */
public final class RegistryAssembler {
  private static final Map<String, String> MODULES = Map.of("lambda", "io.spillover:spillover-aws",
      "openwhisk", "io.spillover:spillover-openwhisk", "http",
      "a Spillover version whose spillover-core has the HTTP provider", "in-process",
      "a FunctionApp bean");

  private final SpilloverProperties properties;
  private final SpillwayConfigResolver configs;
  private final SpilloverRegistry.Builder builder = SpilloverRegistry.builder();

  public RegistryAssembler(SpilloverProperties properties, SpillwayConfigResolver configs) {
    this.properties = properties;
    this.configs = configs;
  }

  /** The registry with the given parts; optional ones may be null. */
  public SpilloverRegistry build(List<FunctionProviderFactory> factories,
      List<FunctionProvider> beans, List<SpillwayListener> listeners,
      CircuitBreakerRegistry breakers, Codec codec, CallSealer sealer,
      List<SpilloverRegistryCustomizer> customizers) {
    Duration tick = properties.getTickInterval();
    if (tick == null || tick.isNegative()) {
      throw new SpilloverPropertyException("spillover.tick-interval", "must be >= 0 (0 turns the "
          + "timer off), was " + tick, null);
    }
    List<FunctionProvider> owned = new ArrayList<>();
    try {
      Map<String, FunctionProvider> providers = new LinkedHashMap<>();
      for (FunctionProviderFactory factory : factories) {
        FunctionProvider p = factory.create(properties.getProviders());
        owned.add(p);
        add(providers, p);
      }
      beans.forEach(p -> add(providers, new SpringOwnedProvider(p)));
      checkEnabledProviders(providers);
      checkFunctions(providers);
      builder.tickInterval(tick);
      SpilloverProperties.StartupCheck check = properties.getStartupCheck();
      Properties.apply("spillover.startup-check.timeout",
          () -> builder.targetCheck(check.getTargets(), check.getTimeout()));
      providers.values().forEach(builder::provider);
      configs.namedConfigs().forEach(builder::configuration);
      functionConcurrency(providers.keySet());
      listeners.forEach(builder::listener);
      if (breakers != null) {
        builder.circuitBreakerRegistry(breakers);
      }
      if (codec != null) {
        builder.codec(codec);
      }
      if (sealer != null) {
        builder.callSealer(sealer);
      }
      customizers.forEach(c -> c.customize(builder));
      return builder.build();
    } catch (RuntimeException e) {
      owned.forEach(FunctionProvider::close);
      throw e;
    }
  }

  private void functionConcurrency(java.util.Set<String> providers) {
    properties.getFunctions().forEach((name, f) -> {
      String prefix = "spillover.functions." + name + ".";
      if (f.getProvider() == null || !providers.contains(f.getProvider())) {
        throw new SpilloverPropertyException(prefix + "provider", "no function provider named '"
            + f.getProvider() + "', registered: " + providers, null);
      }
      if (f.getTarget() == null || f.getTarget().isBlank()) {
        throw new SpilloverPropertyException(prefix + "target", "must name the function", null);
      }
      if (f.getMaxConcurrency() == null) {
        throw new SpilloverPropertyException(prefix + "max-concurrency", "must be set", null);
      }
      try {
        builder.functionConcurrency(FunctionRef.of(f.getProvider(), f.getTarget()),
            f.getMaxConcurrency());
      } catch (IllegalArgumentException e) {
        throw new SpilloverPropertyException(prefix + "max-concurrency", e.getMessage(), e);
      }
    });
  }

  private static void add(Map<String, FunctionProvider> providers, FunctionProvider p) {
    if (providers.putIfAbsent(p.name(), p) != null) {
      throw new IllegalStateException("two function providers are named '" + p.name()
          + "': rename one (spillover.providers.<platform>.name) or drop one of the beans");
    }
  }

  private void checkEnabledProviders(Map<String, FunctionProvider> providers) {
    ProvidersProperties p = properties.getProviders();
    Map<String, ProvidersProperties.Common> platforms = Map.of("in-process", p.getInProcess(),
        "lambda", p.getLambda(), "openwhisk", p.getOpenwhisk(), "http", p.getHttp());
    platforms.forEach((key, platform) -> {
      if (platform.isEnabled() && !providers.containsKey(platform.getName())) {
        throw new SpilloverPropertyException("spillover.providers." + key + ".enabled",
            "the " + key + " provider is enabled but none named '" + platform.getName()
                + "' was created: add " + MODULES.get(key) + " to the application", null);
      }
    });
  }

  private void checkFunctions(Map<String, FunctionProvider> providers) {
    configs.namedConfigs().forEach((name, c) ->
        checkFunction("spillover.configs." + name, c, providers));
    configs.configuredSpillways().forEach(name ->
        checkFunction("spillover.spillways." + name, configs.spillway(name), providers));
  }

  private static void checkFunction(String prefix, SpillwayConfig config,
      Map<String, FunctionProvider> providers) {
    if (config.function() != null && !providers.containsKey(config.function().provider())) {
      String name = config.function().provider();
      throw new SpilloverPropertyException(prefix + ".function.provider", "no function provider "
          + "named '" + name + "' is registered (have " + providers.keySet() + "); enable one "
          + "under spillover.providers or declare a FunctionProvider bean", null);
    }
  }
}
