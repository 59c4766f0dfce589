package io.spillover.spring.boot.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.spring.boot.SpilloverAutoConfiguration;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The starter wraps, once each, the {@code WebClient.Builder} and {@code RestTemplateBuilder}
 * beans Boot creates (its customizers) and the ones the application declares (the post-processor),
 * from properties alone; and binds {@code service:} destinations.
 */
class BuilderWrappingTest {
  private final Loopback destination;

  BuilderWrappingTest() throws IOException {
    destination = new Loopback();
    destination.behaviour = ex -> Loopback.reply(ex, 200, "destination");
  }

  @AfterEach
  void stop() {
    destination.close();
  }

  @Configuration
  static class OwnBuilders {
    @Bean
    WebClient.Builder webClientBuilder() {
      return WebClient.builder();
    }

    @Bean
    RestTemplateBuilder restTemplateBuilder() {
      return new RestTemplateBuilder();
    }
  }

  private ApplicationContextRunner runner(Class<?>... boot) {
    List<Class<?>> all = new ArrayList<>(List.of(SpilloverAutoConfiguration.class,
        SpilloverClientsAutoConfiguration.class));
    all.addAll(List.of(boot));
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(all.toArray(Class<?>[]::new)))
        .withPropertyValues("spillover.clients.logic.base-url=" + destination.url(),
            "spillover.clients.logic.function.url=http://127.0.0.1:1/http/logic");
  }

  private static long filters(WebClient.Builder b) {
    long[] n = new long[1];
    b.filters(list -> n[0] = list.stream().filter(f -> f instanceof LazyExchangeFilter).count());
    return n[0];
  }

  private static long interceptors(RestTemplate t) {
    return t.getInterceptors().stream().filter(i -> i instanceof LazyClientInterceptor).count();
  }

  private void callsGoThroughTheSpillway(ApplicationContext ctx) {
    String base = destination.url();
    String viaWebClient = ctx.getBean(WebClient.Builder.class).build().get()
        .uri(URI.create(base + "/w")).retrieve().bodyToMono(String.class).block();
    String viaTemplate = ctx.getBean(RestTemplateBuilder.class).build()
        .getForObject(URI.create(base + "/t"), String.class);
    assertThat(viaWebClient).isEqualTo("destination");
    assertThat(viaTemplate).isEqualTo("destination");
    assertThat(ctx.getBean(SpilloverRegistry.class).find("logic")).hasValueSatisfying(sw ->
        assertThat(sw.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(2));
    assertThat(destination.received).containsExactly("GET /w", "GET /t");
  }

  @Test
  void bootsOwnBuildersAreWrappedOnceByTheCustomizers() {
    runner(WebClientAutoConfiguration.class, RestTemplateAutoConfiguration.class).run(ctx -> {
      assertThat(ctx).hasSingleBean(RestTemplateBuilder.class);
      assertThat(filters(ctx.getBean(WebClient.Builder.class))).isEqualTo(1);
      assertThat(interceptors(ctx.getBean(RestTemplateBuilder.class).build())).isEqualTo(1);
      callsGoThroughTheSpillway(ctx);
    });
  }

  @Test
  void buildersTheApplicationDeclaresAreWrappedOnceByThePostProcessor() {
    runner().withUserConfiguration(OwnBuilders.class).run(ctx -> {
      assertThat(filters(ctx.getBean(WebClient.Builder.class))).isEqualTo(1);
      assertThat(interceptors(ctx.getBean(RestTemplateBuilder.class).build())).isEqualTo(1);
      callsGoThroughTheSpillway(ctx);
    });
  }

  @Test
  void aServiceDestinationMatchesItsHostName() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
            SpilloverClientsAutoConfiguration.class))
        .withPropertyValues("spillover.clients.logic.service=logic",
            "spillover.clients.logic.function.url=http://127.0.0.1:1/http/logic")
        .run(ctx -> {
          var d = ctx.getBean(SpilloverClientHttpRequestInterceptor.class).destinations();
          assertThat(d).singleElement().satisfies(c -> {
            assertThat(c.matches("http://logic/items")).isTrue();
            assertThat(c.matches("http://logic-v2/items")).isFalse();
          });
        });
  }

  @Test
  void baseUrlAndServiceTogetherFailAtStartupSayingWhich() {
    runner().withPropertyValues("spillover.clients.logic.service=logic")
        .withUserConfiguration(OwnBuilders.class)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageContaining("spillover.clients.logic: set exactly one of base-url and service"));
  }

  @Test
  void withoutClientPropertiesNoFilterIsAdded() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
            SpilloverClientsAutoConfiguration.class, WebClientAutoConfiguration.class))
        .run(ctx -> {
          assertThat(filters(ctx.getBean(WebClient.Builder.class))).isZero();
          assertThat(ctx).doesNotHaveBean(ExchangeFilterFunction.class);
        });
  }
}
