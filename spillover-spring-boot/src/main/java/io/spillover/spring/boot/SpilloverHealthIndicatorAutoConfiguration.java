package io.spillover.spring.boot;

import io.spillover.SpilloverRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code spillover} health contributor ({@link SpilloverHealthIndicator}); turn it off with
 * {@code management.health.spillover.enabled=false}.
 */
@AutoConfiguration(after = SpilloverAutoConfiguration.class, beforeName =
    "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(SpilloverRegistry.class)
@ConditionalOnEnabledHealthIndicator("spillover")
public class SpilloverHealthIndicatorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "spilloverHealthIndicator")
  SpilloverHealthIndicator spilloverHealthIndicator(SpilloverRegistry registry) {
    return new SpilloverHealthIndicator(registry);
  }
}
