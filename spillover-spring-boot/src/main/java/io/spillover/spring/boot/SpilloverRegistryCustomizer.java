package io.spillover.spring.boot;

import io.spillover.SpilloverRegistry;

/**
 * Changes the {@link SpilloverRegistry.Builder} of the auto-configured registry after the
 * auto-configuration has applied properties, providers, listeners and the application's
 * {@code Codec}, {@code CallSealer} and {@code CircuitBreakerRegistry} beans (e.g. to set a
 * clock or a scheduler). Declare as beans; they run in {@code @Order}.
 */
@FunctionalInterface
public interface SpilloverRegistryCustomizer {

  void customize(SpilloverRegistry.Builder builder);
}
