package io.spillover.spring.boot;

import io.spillover.SpillwayConfig;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Programmatic changes to the config of the spillway (or named config) {@link #name()}, applied
 * after the properties: library defaults &lt; base config &lt; {@code spillover.spillways.<name>.*}
 * &lt; customizers. Declare as beans; several for one name apply in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * SpillwayConfigCustomizer composeLimit() {
 *   return SpillwayConfigCustomizer.of("compose-post", b -> b.limit(Limits.fixed(64)));
 * }
 * }</pre>
 *
 * <p>A customizer named like a named config changes that config, and so every spillway built on
 * it; "default" changes the default config.
 */
public interface SpillwayConfigCustomizer {

  /** The spillway or named config this customizer applies to. */
  String name();

  /** Changes the builder, which already holds the inherited and property values. */
  void customize(SpillwayConfig.Builder builder);

  /** A customizer for {@code name} that runs {@code customizer}. */
  static SpillwayConfigCustomizer of(String name, Consumer<SpillwayConfig.Builder> customizer) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(customizer, "customizer");
    return new SpillwayConfigCustomizer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void customize(SpillwayConfig.Builder builder) {
        customizer.accept(builder);
      }
    };
  }
}
