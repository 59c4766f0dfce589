package io.spillover.spring.boot;

import io.spillover.SpilloverRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code spillover} actuator endpoint, when the actuator is on the classpath and exposed. */
@AutoConfiguration(after = SpilloverAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(SpilloverRegistry.class)
@ConditionalOnAvailableEndpoint(SpilloverEndpoint.class)
public class SpilloverEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SpilloverEndpoint spilloverEndpoint(SpilloverRegistry registry) {
    return new SpilloverEndpoint(registry);
  }
}
