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
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Wraps the application's HTTP clients from {@code spillover.clients.<name>.*}: one
 * {@link ClientSpillway} per destination, and every {@code RestClient.Builder},
 * {@code RestTemplate}, {@code RestTemplateBuilder} and {@code WebClient.Builder} bean gets the
 * interceptor or filter, so calls to a configured destination spill with no application code.
 * Boot's customizers reach the builders Boot creates; a post-processor also reaches the ones the
 * application declares itself. Either way a client is wrapped once.
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
    if ((p.getBaseUrl() == null) == (p.getService() == null)) {
      throw new IllegalStateException(prefix + ": set exactly one of base-url and service");
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
    return p.getBaseUrl() != null
        ? new ClientSpillway(registry, name, p.getBaseUrl(), config, rules)
        : ClientSpillway.forService(registry, name, p.getService(), config, rules);
  }

  /** Installs the interceptor on builder beans; resolved lazily so the registry is not built early. */
  @Bean
  static BeanPostProcessor spilloverClientBuilderPostProcessor(
      ObjectProvider<SpilloverClientHttpRequestInterceptor> interceptor, Environment env) {
    LazyClientInterceptor lazy = new LazyClientInterceptor(interceptor);
    boolean webClient = ClassUtils.isPresent(WEB_CLIENT, null);
    boolean templateBuilder = ClassUtils.isPresent(REST_TEMPLATE_BUILDER, null);
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bind(env).isEmpty()) {
          return bean;
        }
        if (bean instanceof RestClient.Builder b) {
          lazy.addTo(b);
        } else if (bean instanceof RestTemplate t) {
          lazy.addTo(t);
        } else if (templateBuilder && RestTemplateBuilders.is(bean)) {
          return RestTemplateBuilders.wrapped(bean, lazy);
        } else if (webClient && WebClientBuilders.is(bean)) {
          WebClientBuilders.wrap(bean, interceptor);
        }
        return bean;
      }
    };
  }

  private static final String WEB_CLIENT =
      "org.springframework.web.reactive.function.client.WebClient";
  private static final String REST_TEMPLATE_BUILDER =
      "org.springframework.boot.restclient.RestTemplateBuilder";

  /** Boot's own {@code RestTemplateBuilder} applies this to every template it builds. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = REST_TEMPLATE_BUILDER)
  @Conditional(OnClientProperties.class)
  static class RestTemplateCustomizerConfiguration {
    @Bean
    RestTemplateCustomizer spilloverRestTemplateCustomizer(
        ObjectProvider<SpilloverClientHttpRequestInterceptor> interceptor) {
      LazyClientInterceptor lazy = new LazyClientInterceptor(interceptor);
      return lazy::addTo;
    }
  }

  /** Boot's own {@code WebClient.Builder} applies this to every builder it hands out. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {WEB_CLIENT, "org.springframework.boot.webclient.WebClientCustomizer"})
  @Conditional(OnClientProperties.class)
  static class WebClientCustomizerConfiguration {
    @Bean
    WebClientCustomizer spilloverWebClientCustomizer(
        ObjectProvider<SpilloverClientHttpRequestInterceptor> interceptor) {
      return builder -> LazyExchangeFilter.install(builder, interceptor);
    }
  }

  /** Kept apart so that the post-processor never loads the class when it is absent. */
  private static final class RestTemplateBuilders {
    static boolean is(Object bean) {
      return bean instanceof RestTemplateBuilder;
    }

    static Object wrapped(Object bean, LazyClientInterceptor lazy) {
      return ((RestTemplateBuilder) bean).additionalCustomizers(lazy::addTo);
    }
  }

  /** Kept apart so that the post-processor never loads WebFlux when it is absent. */
  private static final class WebClientBuilders {
    static boolean is(Object bean) {
      return bean instanceof WebClient.Builder;
    }

    static void wrap(Object bean, ObjectProvider<SpilloverClientHttpRequestInterceptor> i) {
      LazyExchangeFilter.install((WebClient.Builder) bean, i);
    }
  }

  /** True when some {@code spillover.clients.<name>} is configured. */
  static final class OnClientProperties implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !bind(context.getEnvironment()).isEmpty();
    }
  }
}
