package io.spillover.spring.boot;

import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.codec.TypeRef;
import io.spillover.spring.boot.internal.SpillwayConfigResolver;
import java.util.Objects;

/**
 * The spillways of the application, each with its config from {@code spillover.spillways.<name>.*}
 * (or the default config) and the {@link SpillwayConfigCustomizer}s. Use it where a service is
 * called in code rather than through {@link Spillover @Spillover}:
 *
 * <pre>{@code
 * Spillway<ComposeRequest, ComposeResponse> compose =
 *     spillways.spillway("compose-post", ComposeRequest.class, ComposeResponse.class);
 * ComposeResponse r = compose.call(request, service::compose);
 * }</pre>
 *
 * <p>{@link SpilloverRegistry#spillway(String, Class, Class)} would use the default config
 * whatever the properties say; this class is the property-aware way in.
 */
public final class Spillways {
  private final SpilloverRegistry registry;
  private final SpillwayConfigResolver configs;

  public Spillways(SpilloverRegistry registry, SpillwayConfigResolver configs) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.configs = Objects.requireNonNull(configs, "configs");
  }

  /**
   * The spillway {@code name}, created with its configured config on first use.
   *
   * @throws IllegalArgumentException if it exists with other types or its provider is missing
   */
  public <Q, R> Spillway<Q, R> spillway(String name, Class<Q> requestType, Class<R> responseType) {
    return registry.spillway(name, configs.spillway(name), requestType, responseType);
  }

  /**
   * The same for a reply type with type arguments, e.g. {@code new TypeRef<List<Post>>() {}}.
   *
   * @throws IllegalArgumentException if it exists with other types or its provider is missing
   */
  public <Q, R> Spillway<Q, R> spillway(String name, Class<Q> requestType,
      TypeRef<R> responseType) {
    return registry.spillway(name, configs.spillway(name), requestType, responseType);
  }

  /** The config a spillway named {@code name} gets. */
  public SpillwayConfig config(String name) {
    return configs.spillway(name);
  }

  public SpilloverRegistry registry() {
    return registry;
  }
}
