package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.spillover.codec.Codec;
import io.spillover.codec.CodecException;
import io.spillover.codec.TypeRef;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import io.spillover.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replies with type arguments decode to their full type; breaker settings per spillway. */
class GenericReplyTest {
  @SuppressWarnings({"unchecked", "rawtypes"})
  private final FunctionApp app = FunctionApp.builder()
      .handle("posts", Echo.class, (Class) List.class,
          e -> List.of(Echo.of("fn:" + ((Echo) e).text), Echo.of("second")))
      .handle("index", Echo.class, (Class) Map.class,
          e -> Map.of("k", List.of(Echo.of("fn:" + ((Echo) e).text))))
      .build();
  private final InProcessProvider provider = InProcessProvider.create().deploy("twin", app);
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private SpilloverRegistry registry;

  @AfterEach
  void close() {
    release.countDown();
    pool.shutdownNow();
    if (registry != null) {
      registry.close();
    }
    provider.close();
  }

  private SpillwayConfig.Builder config() {
    return SpillwayConfig.custom().limit(Limits.fixed(1))
        .function(FunctionRef.of("in-process", "twin"));
  }

  private void holdThePermit(Spillway<Echo, ?> sw) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    pool.submit(() -> sw.call(Echo.of("held"), e -> {
      started.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aSpilledListReplyDecodesToItsElementType() throws Exception {
    registry = SpilloverRegistry.builder().provider(provider).clock(new ManualClock())
        .tickInterval(Duration.ZERO).build();
    Spillway<Echo, List<Echo>> posts = registry.spillway("posts", config().build(), Echo.class,
        new TypeRef<List<Echo>>() {});
    holdThePermit(posts);
    List<Echo> reply = posts.call(Echo.of("a"), e -> List.of());
    assertThat(reply).extracting(e -> e.text).containsExactly("fn:a", "second");
    assertThat(reply.get(0)).isInstanceOf(Echo.class);

    Spillway<Echo, Map<String, List<Echo>>> index = registry.spillway("index", config().build(),
        Echo.class, new TypeRef<Map<String, List<Echo>>>() {});
    holdThePermit(index);
    assertThat(index.call(Echo.of("b"), e -> Map.of()).get("k").get(0).text).isEqualTo("fn:b");
  }

  @Test
  void theSameNameWithAnotherTypeArgumentIsRefused() {
    registry = SpilloverRegistry.builder().provider(provider).tickInterval(Duration.ZERO).build();
    registry.spillway("posts", config().build(), Echo.class, new TypeRef<List<Echo>>() {});
    assertThat(registry.spillway("posts", config().build(), Echo.class,
        new TypeRef<List<Echo>>() {})).isNotNull();
    assertThatThrownBy(() -> registry.spillway("posts", config().build(), Echo.class,
        new TypeRef<List<String>>() {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.util.List<io.spillover.Echo>");
  }

  @Test
  void aCodecWithoutGenericSupportSaysSo() {
    Codec byClass = new Codec() {
      @Override
      public byte[] encode(Object value) {
        return new byte[0];
      }

      @Override
      public <T> T decode(byte[] bytes, Class<T> type) {
        return null;
      }
    };
    assertThatThrownBy(() -> byClass.decode(new byte[0], new TypeRef<List<Echo>>() {}.type()))
        .isInstanceOf(CodecException.class).hasMessageContaining("plain classes only");
  }

  @Test
  void aSpillwaysBreakerSettingsShapeItsTargetsBreakerAndAnExistingBreakerWins() {
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    registry = SpilloverRegistry.builder().provider(provider).circuitBreakerRegistry(breakers)
        .tickInterval(Duration.ZERO).build();
    CircuitBreakerConfig strict = CircuitBreakerConfig.custom().failureRateThreshold(10)
        .slidingWindowSize(20).minimumNumberOfCalls(5).build();
    registry.spillway("posts", config().circuitBreaker(strict).build(), Echo.class,
        new TypeRef<List<Echo>>() {});
    assertThat(breakers.circuitBreaker("in-process:twin").getCircuitBreakerConfig()
        .getFailureRateThreshold()).isEqualTo(10f);

    // a second spillway to the same target shares the breaker the first one made
    registry.spillway("index", config().circuitBreaker(CircuitBreakerConfig.ofDefaults())
        .build(), Echo.class, new TypeRef<Map<String, List<Echo>>>() {});
    assertThat(breakers.circuitBreaker("in-process:twin").getCircuitBreakerConfig())
        .isSameAs(strict);
  }

  @Test
  void withoutSettingsTheBreakerRegistrysDefaultConfigApplies() {
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .failureRateThreshold(33).build());
    registry = SpilloverRegistry.builder().provider(provider).circuitBreakerRegistry(breakers)
        .tickInterval(Duration.ZERO).build();
    registry.spillway("posts", config().build(), Echo.class, new TypeRef<List<Echo>>() {});
    assertThat(breakers.circuitBreaker("in-process:twin").getCircuitBreakerConfig()
        .getFailureRateThreshold()).isEqualTo(33f);
  }
}
