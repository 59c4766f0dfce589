package io.spillover.spring.boot;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayListener;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionProvider;
import io.spillover.seal.CallSealer;
import io.spillover.spring.boot.internal.InProcessProviderFactory;
import io.spillover.spring.boot.internal.RegistryAssembler;
import io.spillover.spring.boot.internal.SpilloverMethodPostProcessor;
import io.spillover.spring.boot.internal.SpillwayConfigResolver;
import io.spillover.spring.boot.internal.StartupReport;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The {@link SpilloverRegistry} (closed on shutdown), the property-aware {@link Spillways}, the
 * in-process provider when enabled, and {@link Spillover @Spillover} methods. Every bean backs off
 * when the application declares its own. The registry gets every {@link FunctionProvider} bean,
 * what every {@link FunctionProviderFactory} makes, every {@link SpillwayListener} bean, and the
 * application's {@link Codec}, {@link CallSealer} and {@link CircuitBreakerRegistry} if it has one.
 */
@AutoConfiguration
@ConditionalOnClass(SpilloverRegistry.class)
@ConditionalOnBooleanProperty(name = "spillover.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SpilloverProperties.class)
public class SpilloverAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SpillwayConfigResolver spillwayConfigResolver(SpilloverProperties properties,
      ObjectProvider<SpillwayConfigCustomizer> customizers,
      ObjectProvider<CircuitBreakerRegistry> breakers) {
    CircuitBreakerRegistry own = breakers.getIfUnique();
    return new SpillwayConfigResolver(properties, customizers.orderedStream().toList(),
        own != null ? own.getDefaultConfig() : CircuitBreakerConfig.ofDefaults());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  SpilloverRegistry spilloverRegistry(SpilloverProperties properties,
      SpillwayConfigResolver configs, ObjectProvider<FunctionProviderFactory> factories,
      ObjectProvider<FunctionProvider> providers, ObjectProvider<SpillwayListener> listeners,
      ObjectProvider<CircuitBreakerRegistry> breakers, ObjectProvider<Codec> codec,
      ObjectProvider<CallSealer> sealer, ObjectProvider<SpilloverRegistryCustomizer> customizers) {
    return new RegistryAssembler(properties, configs).build(factories.orderedStream().toList(),
        providers.orderedStream().toList(), listeners.orderedStream().toList(),
        breakers.getIfUnique(), codec.getIfUnique(), sealer.getIfUnique(),
        customizers.orderedStream().toList());
  }

  @Bean
  @ConditionalOnMissingBean
  Spillways spillways(SpilloverRegistry registry, SpillwayConfigResolver configs) {
    return new Spillways(registry, configs);
  }

  @Bean
  @ConditionalOnMissingBean
  StartupReport spilloverStartupReport(SpilloverRegistry registry,
      SpilloverProperties properties, Environment environment) {
    return new StartupReport(registry, properties, (ConfigurableEnvironment) environment);
  }

  @Bean
  @ConditionalOnBooleanProperty("spillover.providers.in-process.enabled")
  @ConditionalOnMissingBean(name = "inProcessFunctionProviderFactory")
  InProcessProviderFactory inProcessFunctionProviderFactory(ListableBeanFactory beans) {
    return new InProcessProviderFactory(beans);
  }

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  @ConditionalOnBooleanProperty(name = "spillover.annotations.enabled", matchIfMissing = true)
  static SpilloverMethodPostProcessor spilloverMethodPostProcessor() {
    return new SpilloverMethodPostProcessor();
  }
}
