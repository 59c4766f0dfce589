package io.spillover.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.spillover.SpilloverRegistry;
import io.spillover.micrometer.SpilloverMetrics;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Publishes {@code spillover.*} meters ({@link SpilloverMetrics}) to the application's
 * {@link MeterRegistry}. {@link SpilloverMetrics} is also a listener, which the auto-configured
 * registry picks up to time calls; an application that declares its own registry adds it itself.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
    after = SpilloverAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, SpilloverRegistry.class})
@ConditionalOnBean({MeterRegistry.class, SpilloverRegistry.class})
@ConditionalOnBooleanProperty(name = "spillover.metrics.enabled", matchIfMissing = true)
public class SpilloverMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SpilloverMetrics spilloverMetrics(MeterRegistry meters) {
    return SpilloverMetrics.of(meters);
  }

  /** Binds the spillways that exist once singletons are up, and every later one. */
  @Bean
  SmartInitializingSingleton spilloverMetricsBinding(SpilloverMetrics metrics,
      SpilloverRegistry registry) {
    return () -> metrics.bindTo(registry);
  }
}
