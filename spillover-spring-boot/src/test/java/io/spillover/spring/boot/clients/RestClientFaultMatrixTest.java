package io.spillover.spring.boot.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spillover.SpilloverException;
import io.spillover.spring.boot.SpilloverAutoConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

/**
 * The RestClient adapter, installed by properties alone, against a loopback destination and twin:
 * at the limit the same request reaches the twin; twin failures end in one typed exception and
 * a spill-once call never runs twice.
 */
class RestClientFaultMatrixTest {
  interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> atDestination = new CopyOnWriteArrayList<>();
  private final List<String> atTwin = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch busy = new CountDownLatch(1);
  private volatile Handler twin = ex -> reply(ex, 200, "twin");
  private volatile int destinationStatus = 200;

  @Configuration
  static class App {
    @Bean
    RestClient.Builder restClientBuilder() {
      return RestClient.builder();
    }
  }

  private String serve(List<String> log, Handler h) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    s.createContext("/", ex -> {
      log.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      h.handle(ex);
    });
    s.start();
    servers.add(s);
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
    ex.close();
  }

  @AfterEach
  void stop() {
    release.countDown();
    servers.forEach(s -> s.stop(0));
  }

  private void run(ThrowingConsumer test) throws IOException {
    String dest = serve(atDestination, ex -> {
      if (ex.getRequestURI().getPath().equals("/hold")) {
        busy.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      reply(ex, destinationStatus, "destination");
    });
    String tw = serve(atTwin, ex -> twin.handle(ex));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
            SpilloverClientsAutoConfiguration.class))
        .withUserConfiguration(App.class)
        .withPropertyValues("spillover.clients.logic.base-url=" + dest,
            "spillover.clients.logic.function.url=" + tw + "/http/logic",
            "spillover.clients.logic.limit.initial=1", "spillover.clients.logic.limit.min=1",
            "spillover.clients.logic.limit.max=1", "spillover.clients.logic.limit.max-wait=1ms",
            "spillover.clients.logic.routes.spill=POST /orders/**")
        .run(ctx -> {
          RestClient client = ctx.getBean(RestClient.Builder.class).baseUrl(dest).build();
          Thread holder = new Thread(() -> client.get().uri("/hold").retrieve().toBodilessEntity());
          holder.start();
          assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
          test.accept(client);
          release.countDown();
          holder.join(5000);
        });
  }

  interface ThrowingConsumer {
    void accept(RestClient client) throws Exception;
  }

  @Test
  void atTheLimitTheSameRequestIsAnsweredByTheTwin() throws IOException {
    run(client -> {
      assertThat(client.get().uri("/items/1?x=y").retrieve().body(String.class)).isEqualTo("twin");
      assertThat(atTwin).containsExactly("GET /http/logic/items/1?x=y");
    });
  }

  @Test
  void theTwinsOwnErrorReachesTheCallerAsAnHttpError() throws IOException {
    twin = ex -> reply(ex, 500, "app failed");
    run(client -> assertThatThrownBy(() -> client.get().uri("/a").retrieve().body(String.class))
        .isInstanceOf(HttpServerErrorException.class));
  }

  @Test
  void aKilledTwinAfterASpillOnceCallIsATypedErrorAndNoSecondRun() throws IOException {
    twin = HttpExchange::close;
    run(client -> {
      assertThatThrownBy(() -> client.post().uri("/orders/1").body("{}").retrieve()
          .toBodilessEntity()).hasCauseInstanceOf(SpilloverException.class);
      assertThat(atTwin).hasSize(1);
      assertThat(atDestination).containsExactly("GET /hold");
    });
  }

  @Test
  void aPlatformThrottleWithNoFreePermitIsTyped() throws IOException {
    twin = ex -> {
      ex.getResponseHeaders().set("X-Spillover-Throttled", "true");
      reply(ex, 429, "");
    };
    run(client -> assertThatThrownBy(() -> client.get().uri("/a").retrieve().toBodilessEntity())
        .satisfies(e -> assertThat(e instanceof SpilloverException
            || e.getCause() instanceof SpilloverException).isTrue()));
  }
}
