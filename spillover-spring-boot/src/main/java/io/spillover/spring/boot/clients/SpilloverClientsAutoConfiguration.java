package io.spillover.spring.boot.clients;

import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.clients.ClientSpillway;
import io.spillover.clients.RouteRules;
import io.spillover.clients.TwinHttpProvider;
import io.spillover.clients.TwinLambdaProvider;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import io.spillover.spring.boot.SpilloverAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Wraps the application's HTTP clients from {@code spillover.clients.<name>.*}: one
 * {@link ClientSpillway} per destination, and every {@code RestClient.Builder} and
 * {@code RestTemplate} bean gets the interceptor, so calls to a configured base URL spill with no
 * application code. A post-processor (rather than Boot's customizer interfaces) also reaches the
 * builders the application declares itself.
 */
@AutoConfiguration(after = SpilloverAutoConfiguration.class)
@ConditionalOnClass({SpilloverRegistry.class, ClientSpillway.class, RestClient.class})
public class SpilloverClientsAutoConfiguration {

  static Map<String, ClientProperties> bind(Environment env) {
    return Binder.get(env).bind("spillover.clients",
        Bindable.mapOf(String.class, ClientProperties.class)).orElse(Map.of());
  }

  @Bean
  @ConditionalOnMissingBean
  TwinHttpProvider spilloverTwinHttpProvider() {
    return new TwinHttpProvider();
  }

  @Bean
  @ConditionalOnMissingBean
  TwinLambdaProvider spilloverTwinLambdaProvider() {
    return new TwinLambdaProvider();
  }

  @Bean
  @ConditionalOnMissingBean
  SpilloverClientHttpRequestInterceptor spilloverClientInterceptor(SpilloverRegistry registry,
      Environment env) {
    List<ClientSpillway> destinations = new ArrayList<>();
    bind(env).forEach((name, p) -> destinations.add(destination(registry, name, p)));
    return new SpilloverClientHttpRequestInterceptor(destinations);
  }

  static ClientSpillway destination(SpilloverRegistry registry, String name, ClientProperties p) {
    String prefix = "spillover.clients." + name;
    if (p.getBaseUrl() == null) {
      throw new IllegalStateException(prefix + ".base-url is required");
    }
    ClientProperties.Function f = p.getFunction();
    FunctionRef twin;
    if (f.getTransport().equals("lambda")) {
      if (f.getName() == null || f.getEndpoint() == null) {
        throw new IllegalStateException(prefix + ".function.name and .endpoint are required for"
            + " transport lambda");
      }
      twin = TwinLambdaProvider.ref(f.getName(), f.getEndpoint());
    } else if (f.getTransport().equals("http")) {
      if (f.getUrl() == null) {
        throw new IllegalStateException(prefix + ".function.url is required for transport http");
      }
      twin = FunctionRef.of(TwinHttpProvider.NAME, f.getUrl());
    } else {
      throw new IllegalStateException(prefix + ".function.transport must be http or lambda, was "
          + f.getTransport());
    }
    ClientProperties.Limit l = p.getLimit();
    SpillwayConfig config = SpillwayConfig.custom()
        .limit(Limits.aimd().initial(l.getInitial()).min(l.getMin()).max(l.getMax()).build())
        .maxWait(l.getMaxWait()).timeout(f.getTimeout())
        .function(twin).build();
    RouteRules rules = RouteRules.defaults();
    for (String r : p.getRoutes().getSpill()) {
      rules = rules.spill(r);
    }
    for (String r : p.getRoutes().getNever()) {
      rules = rules.never(r);
    }
    for (String r : p.getRoutes().getConfidential()) {
      rules = rules.confidential(r);
    }
    return new ClientSpillway(registry, name, p.getBaseUrl(), config, rules);
  }

  /** Installs the interceptor on builder beans; resolved lazily so the registry is not built early. */
  @Bean
  static BeanPostProcessor spilloverClientBuilderPostProcessor(
      ObjectProvider<SpilloverClientHttpRequestInterceptor> interceptor, Environment env) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bind(env).isEmpty()) {
          return bean;
        }
        if (bean instanceof RestClient.Builder b) {
          b.requestInterceptor((req, body, ex) -> interceptor.getObject().intercept(req, body, ex));
        } else if (bean instanceof RestTemplate t) {
          t.getInterceptors().add((req, body, ex) -> interceptor.getObject().intercept(req, body, ex));
        }
        return bean;
      }
    };
  }
}
