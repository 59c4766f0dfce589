package io.spillover.spring.boot;

import io.spillover.aws.LambdaProvider;
import io.spillover.http.HttpFunctionProvider;
import io.spillover.openwhisk.OpenWhiskProvider;
import io.spillover.spring.boot.internal.HttpProviderFactory;
import io.spillover.spring.boot.internal.LambdaProviderFactory;
import io.spillover.spring.boot.internal.OpenWhiskProviderFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link FunctionProviderFactory} per platform whose module is on the classpath and whose
 * {@code spillover.providers.<platform>.enabled} is true: Lambda ({@code spillover-aws}),
 * OpenWhisk ({@code spillover-openwhisk}) and HTTP ({@code spillover-core}). An enabled platform
 * whose module is missing fails startup (see {@link ProvidersProperties}).
 */
@AutoConfiguration(before = SpilloverAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "spillover.enabled", matchIfMissing = true)
public class SpilloverProvidersAutoConfiguration {

  /** AWS Lambda. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(LambdaProvider.class)
  @ConditionalOnBooleanProperty("spillover.providers.lambda.enabled")
  static class Lambda {
    @Bean
    @ConditionalOnMissingBean(name = "lambdaFunctionProviderFactory")
    FunctionProviderFactory lambdaFunctionProviderFactory() {
      return new LambdaProviderFactory();
    }
  }

  /** Apache OpenWhisk. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OpenWhiskProvider.class)
  @ConditionalOnBooleanProperty("spillover.providers.openwhisk.enabled")
  static class OpenWhisk {
    @Bean
    @ConditionalOnMissingBean(name = "openWhiskFunctionProviderFactory")
    FunctionProviderFactory openWhiskFunctionProviderFactory() {
      return new OpenWhiskProviderFactory();
    }
  }

  /** Functions behind an HTTP URL. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HttpFunctionProvider.class)
  @ConditionalOnBooleanProperty("spillover.providers.http.enabled")
  static class Http {
    @Bean
    @ConditionalOnMissingBean(name = "httpFunctionProviderFactory")
    FunctionProviderFactory httpFunctionProviderFactory() {
      return new HttpProviderFactory();
    }
  }
}
