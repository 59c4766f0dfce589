package io.spillover.spring.boot.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.clients.ClientSpillway;
import io.spillover.clients.RouteRules;
import io.spillover.clients.TwinHttpProvider;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;

/** What only the WebClient adapter has: a body written by a codec, and cancellation. */
class WebClientFilterTest {
  private final Loopback destination = new Loopback();
  private final Loopback twin = new Loopback();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch arrived = new CountDownLatch(1);
  private final SpilloverRegistry registry = SpilloverRegistry.builder()
      .provider(new TwinHttpProvider()).tickInterval(Duration.ZERO).build();
  private final ClientSpillway logic;
  private final WebClient client;

  WebClientFilterTest() throws IOException {
    logic = new ClientSpillway(registry, "logic", destination.url(),
        SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(Duration.ofMillis(1))
            .function(FunctionRef.of(TwinHttpProvider.NAME, twin.url())).build(),
        RouteRules.defaults());
    client = WebClient.builder().filter(new SpilloverExchangeFilterFunction(List.of(logic)))
        .build();
    destination.behaviour = ex -> {
      arrived.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Loopback.reply(ex, 200, "destination");
    };
  }

  @AfterEach
  void stop() {
    release.countDown();
    registry.close();
    destination.close();
    twin.close();
  }

  @Test
  void theDestinationsReplyIsReadOnceAndNoErrorIsDropped() {
    List<Throwable> dropped = new CopyOnWriteArrayList<>();
    Hooks.onErrorDropped(dropped::add);
    try {
      release.countDown();
      String r = client.get().uri(URI.create(destination.url() + "/a")).retrieve()
          .bodyToMono(String.class).block(Duration.ofSeconds(20));
      assertThat(r).isEqualTo("destination");
      // before the fix, rebuilding the reply drained the consumed body again: an error dropped
      assertThat(dropped).isEmpty();
    } finally {
      Hooks.resetOnErrorDropped();
    }
  }

  @Test
  void cancellingTheMonoReleasesTheDestinationPermit() throws InterruptedException {
    Disposable call = client.get().uri(URI.create(destination.url() + "/slow")).retrieve()
        .bodyToMono(String.class).subscribe();
    assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(logic.spillway().metrics().inflightLocal()).isEqualTo(1);
    call.dispose();
    assertThat(logic.spillway().metrics().inflightLocal()).isZero();
  }

  @Test
  void aSpilledPutCarriesTheBodyTheCodecWrote() throws InterruptedException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    twin.behaviour = ex -> {
      bodies.add(ex.getRequestHeaders().getFirst("Content-Type"));
      Loopback.reply(ex, 200, "twin");
    };
    Disposable holder = client.get().uri(URI.create(destination.url() + "/hold")).retrieve()
        .bodyToMono(String.class).subscribe();
    assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
    String r = client.put().uri(URI.create(destination.url() + "/items/1"))
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("n", 1))
        .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
    assertThat(r).isEqualTo("twin");
    assertThat(twin.received).containsExactly("PUT /items/1");
    assertThat(bodies).containsExactly("application/json");
    assertThat(twin.bodies).containsExactly("{\"n\":1}");
    holder.dispose();
  }
}
