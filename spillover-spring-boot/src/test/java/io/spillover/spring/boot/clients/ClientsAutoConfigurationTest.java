package io.spillover.spring.boot.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.spring.boot.SpilloverAutoConfiguration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The starter wraps an injected {@code RestClient.Builder} from properties alone. */
class ClientsAutoConfigurationTest {
  private HttpServer destination;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    destination = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    destination.createContext("/", ex -> {
      received.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      byte[] b = "destination".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    destination.start();
  }

  @AfterEach
  void stop() {
    destination.stop(0);
  }

  @Configuration
  static class App {
    @Bean
    RestClient.Builder restClientBuilder() {
      return RestClient.builder();
    }
  }

  @Test
  void anInjectedRestClientBuilderCallsThroughTheDestinationsSpillway() {
    String base = "http://127.0.0.1:" + destination.getAddress().getPort();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
            SpilloverClientsAutoConfiguration.class))
        .withUserConfiguration(App.class)
        .withPropertyValues("spillover.clients.logic.base-url=" + base,
            "spillover.clients.logic.function.url=http://127.0.0.1:1/http/logic",
            "spillover.clients.logic.limit.initial=4",
            "spillover.clients.logic.routes.never=POST /payments/**")
        .run(ctx -> {
          RestClient client = ctx.getBean(RestClient.Builder.class).build();
          String body = client.get().uri(base + "/items/1").retrieve().body(String.class);
          assertThat(body).isEqualTo("destination");
          SpilloverRegistry registry = ctx.getBean(SpilloverRegistry.class);
          assertThat(registry.find("logic")).hasValueSatisfying(sw ->
              assertThat(sw.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(1));
          assertThat(received).containsExactly("GET /items/1");
        });
  }

  @Test
  void withoutClientPropertiesBuildersAreLeftAlone() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
            SpilloverClientsAutoConfiguration.class))
        .withUserConfiguration(App.class)
        .run(ctx -> {
          String base = "http://127.0.0.1:" + destination.getAddress().getPort();
          ctx.getBean(RestClient.Builder.class).build().get().uri(base + "/x").retrieve()
              .toBodilessEntity();
          assertThat(ctx.getBean(SpilloverRegistry.class).find("logic")).isEmpty();
          assertThat(received).containsExactly("GET /x");
        });
  }
}
