package io.spillover.spring.boot;

import io.spillover.SpilloverRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/**
 * In a Spring MVC or WebFlux application, {@link SpillRejectedProblemAdvice}: a rejected call
 * answers 503 with a problem detail unless the application handles the exception itself.
 */
@AutoConfiguration(after = SpilloverAutoConfiguration.class)
@ConditionalOnClass(ProblemDetail.class)
@ConditionalOnWebApplication
@ConditionalOnBean(SpilloverRegistry.class)
@ConditionalOnBooleanProperty(name = "spillover.web.problem-details.enabled", matchIfMissing = true)
public class SpilloverWebAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SpillRejectedProblemAdvice spillRejectedProblemAdvice(SpilloverRegistry registry) {
    return new SpillRejectedProblemAdvice(registry);
  }
}
