package io.spillover.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import io.spillover.testing.ManualClock;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The destination's overload signals lower the client-side limit; its answers stay the caller's. */
class OverloadSignalTest {
  private final ManualClock clock = new ManualClock();
  private final SpilloverRegistry registry = SpilloverRegistry.builder().clock(clock)
      .tickInterval(Duration.ZERO).build();
  private final ClientSpillway engine = new ClientSpillway(registry, "dest", "http://127.0.0.1:1",
      SpillwayConfig.custom().limit(Limits.aimd().initial(10).min(1).max(10).build()).build(),
      RouteRules.defaults());
  private final HttpCall get = new HttpCall("GET", "/a", "", Map.of(), new byte[0]);

  @AfterEach
  void close() {
    registry.close();
  }

  private int limit() {
    return engine.spillway().metrics().limit();
  }

  @Test
  void a503IsADropAndStillTheCallersAnswer() {
    HttpResult busy = new HttpResult(503, Map.of(), new byte[0]);
    assertThat(engine.execute(get, c -> busy)).isSameAs(busy);
    assertThat(limit()).isLessThan(10);
  }

  @Test
  void retryAfterOnAnyStatusIsADrop() {
    engine.execute(get, c -> new HttpResult(200, Map.of("retry-after", List.of("1")), new byte[0]));
    assertThat(limit()).isLessThan(10);
  }

  @Test
  void aRefusedConnectionIsADropAndTheCallersOwnException() {
    UncheckedIOException refused = new UncheckedIOException(new ConnectException("refused"));
    try {
      engine.execute(get, c -> {
        throw refused;
      });
    } catch (UncheckedIOException e) {
      assertThat(e).isSameAs(refused);
    }
    assertThat(limit()).isLessThan(10);
  }

  @Test
  void anOrdinaryReplyLeavesTheLimitAlone() {
    engine.execute(get, c -> new HttpResult(200, Map.of(), new byte[0]));
    assertThat(limit()).isEqualTo(10);
  }

  @Test
  void aRefusalWrappedByAnyClientIsADropAndStaysTheClientsOwn() {
    // Spring's clients wrap the ConnectException (ResourceAccessException, WebClientRequestException)
    RuntimeException wrapped = new IllegalStateException("I/O error", new ConnectException("refused"));
    try {
      engine.execute(get, c -> {
        throw wrapped;
      });
    } catch (IllegalStateException e) {
      assertThat(e).isSameAs(wrapped);
    }
    assertThat(limit()).isLessThan(10);
  }

  @Test
  void theAsyncPathSignalsA503AndAnswersWithIt() {
    HttpResult busy = new HttpResult(503, Map.of(), new byte[0]);
    assertThat(engine.executeAsync(get, c -> CompletableFuture.completedFuture(busy))
        .toCompletableFuture().join()).isSameAs(busy);
    assertThat(limit()).isLessThan(10);
  }

  @Test
  void theAsyncPathSignalsATimeoutAndFailsWithIt() {
    TimeoutException timeout = new TimeoutException("no reply");
    CompletableFuture<HttpResult> r = engine.executeAsync(get,
        c -> CompletableFuture.<HttpResult>failedFuture(timeout)).toCompletableFuture();
    assertThatThrownBy(r::join).hasCause(timeout);
    assertThat(limit()).isLessThan(10);
  }

  @Test
  void theAsyncPathLeavesTheLimitAloneOnAnOrdinaryFailure() {
    IllegalStateException bug = new IllegalStateException("bug");
    CompletableFuture<HttpResult> r = engine.executeAsync(get,
        c -> CompletableFuture.<HttpResult>failedFuture(bug)).toCompletableFuture();
    assertThatThrownBy(r::join).hasCause(bug);
    assertThat(limit()).isEqualTo(10);
  }
}
