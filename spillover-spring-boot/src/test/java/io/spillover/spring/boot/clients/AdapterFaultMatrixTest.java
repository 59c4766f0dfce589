package io.spillover.spring.boot.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverException;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.clients.ClientSpillway;
import io.spillover.clients.RouteRules;
import io.spillover.clients.TwinHttpProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.limit.Limits;
import io.spillover.spring.boot.clients.Adapter.Answer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault matrix, the same for each adapter (RestClient, RestTemplate, WebClient, OkHttp),
 * against a real destination and a real twin on 127.0.0.1. Each test's name says how the call
 * ends: the destination's answer, the twin's answer, or one typed exception; a spill-once call
 * (POST) never runs twice. The destination's limit is 1; "at the limit" means a call holds it.
 */
class AdapterFaultMatrixTest {
  private final Loopback destination = new Loopback();
  private final Loopback twin = new Loopback();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch busy = new CountDownLatch(1);
  private final SpilloverRegistry registry = SpilloverRegistry.builder()
      .provider(new TwinHttpProvider()).tickInterval(Duration.ZERO).build();
  private Thread holder;

  AdapterFaultMatrixTest() throws IOException {
    destination.behaviour = ex -> {
      if (ex.getRequestURI().getPath().equals("/hold")) {
        busy.countDown();
        await(release);
      }
      Loopback.reply(ex, 200, "destination");
    };
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    if (holder != null) {
      holder.join(10_000);
    }
    registry.close();
    destination.close();
    twin.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ClientSpillway logic(Duration timeout, Duration maxWait) {
    return new ClientSpillway(registry, "logic", destination.url(),
        SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(maxWait).timeout(timeout)
            .function(FunctionRef.of(TwinHttpProvider.NAME, twin.url() + "/http/logic")).build(),
        RouteRules.defaults().spill("POST /orders/**"));
  }

  private Adapter.Client client(Adapter a) {
    return a.client(List.of(logic(Duration.ofSeconds(5), Duration.ofMillis(1))));
  }

  /** A GET holds the destination's only permit until the test ends. */
  private Adapter.Client atTheLimit(Adapter.Client c) {
    holder = new Thread(() -> c.call("GET", destination.url() + "/hold", null));
    holder.start();
    await(busy);
    assertThat(busy.getCount()).isZero();
    return c;
  }

  private static SpilloverException typed(Throwable t) {
    for (Throwable e = t; e != null; e = e.getCause()) {
      if (e instanceof SpilloverException s) {
        return s;
      }
    }
    throw new AssertionError("no SpilloverException in the chain", t);
  }

  private static List<Throwable> chain(Throwable t) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable e = t; e != null && all.size() < 10; e = e.getCause()) {
      all.add(e);
    }
    return all;
  }

  private static Reason reason(Throwable t) {
    SpilloverException s = typed(t);
    assertThat(s).isInstanceOf(SpillRejectedException.class);
    return ((SpillRejectedException) s).reason();
  }

  private void twinPlatform(int status, String header, String value) {
    twin.behaviour = ex -> {
      ex.getResponseHeaders().set(header, value);
      Loopback.reply(ex, status, "");
    };
  }

  private String url(String path) {
    return destination.url() + path;
  }

  // --- the destination's faults: its answer, or the client's own failure ---

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void destination503_isTheDestinationsAnswer(Adapter a) {
    destination.behaviour = ex -> Loopback.reply(ex, 503, "busy");
    assertThat(client(a).call("GET", url("/a"), null)).isEqualTo(new Answer(503, "busy", null));
    assertThat(twin.received).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void destination429WithRetryAfter_isTheDestinationsAnswerWithItsHeader(Adapter a) {
    destination.behaviour = ex -> {
      ex.getResponseHeaders().set("Retry-After", "2");
      Loopback.reply(ex, 429, "slow down");
    };
    assertThat(client(a).call("GET", url("/a"), null))
        .isEqualTo(new Answer(429, "slow down", "2"));
    assertThat(twin.received).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void destinationSlow_theExcessCallIsTheTwinsAnswer(Adapter a) {
    twin.behaviour = ex -> Loopback.reply(ex, 200, "twin " + ex.getRequestURI());
    Adapter.Client c = atTheLimit(client(a));
    assertThat(c.call("GET", url("/items/7?q=a%20b"), null))
        .isEqualTo(new Answer(200, "twin /http/logic/items/7?q=a%20b", null));
    assertThat(destination.received).containsExactly("GET /hold");
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void destinationRefused_isTheClientsOwnConnectFailure(Adapter a) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ClientSpillway gone = new ClientSpillway(registry, "gone", "http://127.0.0.1:" + port,
        SpillwayConfig.custom().limit(Limits.fixed(4))
            .function(FunctionRef.of(TwinHttpProvider.NAME, twin.url())).build(),
        RouteRules.defaults());
    Throwable t = catchThrowable(() -> a.client(List.of(gone))
        .call("GET", "http://127.0.0.1:" + port + "/a", null));
    assertThat(chain(t)).anyMatch(ConnectException.class::isInstance)
        .noneMatch(SpilloverException.class::isInstance);
    assertThat(twin.received).isEmpty();
  }

  // --- the twin's faults, at the limit: its answer, or one typed exception ---

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinApp429_isTheTwinsAnswer(Adapter a) {
    twin.behaviour = ex -> Loopback.reply(ex, 429, "app says no");
    assertThat(atTheLimit(client(a)).call("GET", url("/a"), null))
        .isEqualTo(new Answer(429, "app says no", null));
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinPlatformThrottle_isSpillRejectedSpillFailed(Adapter a) {
    twinPlatform(429, "X-Spillover-Throttled", "true");
    Throwable t = catchThrowable(() -> atTheLimit(client(a)).call("GET", url("/a"), null));
    assertThat(reason(t)).isEqualTo(Reason.SPILL_FAILED);
    assertThat(twin.received).hasSize(1);
    assertThat(destination.received).containsExactly("GET /hold");
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinApp500_isTheTwinsAnswer(Adapter a) {
    twin.behaviour = ex -> Loopback.reply(ex, 500, "app failed");
    assertThat(atTheLimit(client(a)).call("GET", url("/a"), null))
        .isEqualTo(new Answer(500, "app failed", null));
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinPlatform502OnAGet_isSpillRejectedSpillFailed(Adapter a) {
    twinPlatform(502, "X-Spillover-Platform-Error", "crashed");
    Throwable t = catchThrowable(() -> atTheLimit(client(a)).call("GET", url("/a"), null));
    assertThat(reason(t)).isEqualTo(Reason.SPILL_FAILED);
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinPlatform502OnASpillOncePost_isSpillOutcomeUnknownAndRunsOnce(Adapter a) {
    twinPlatform(502, "X-Spillover-Platform-Error", "crashed");
    Throwable t = catchThrowable(() -> atTheLimit(client(a)).call("POST", url("/orders/1"), "{}"));
    assertThat(reason(t)).isEqualTo(Reason.SPILL_OUTCOME_UNKNOWN);
    assertThat(twin.ran("POST", "/orders/1") + destination.ran("POST", "/orders/1")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinKilledOnAGet_isSpillRejectedSpillFailed(Adapter a) {
    twin.behaviour = ex -> ex.close(); // the instance dies: the connection drops, no reply
    Throwable t = catchThrowable(() -> atTheLimit(client(a)).call("GET", url("/a"), null));
    assertThat(reason(t)).isEqualTo(Reason.SPILL_FAILED);
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinKilledOnASpillOncePost_isSpillOutcomeUnknownAndRunsOnce(Adapter a) {
    twin.behaviour = ex -> ex.close();
    Throwable t = catchThrowable(() -> atTheLimit(client(a)).call("POST", url("/orders/1"), "{}"));
    assertThat(reason(t)).isEqualTo(Reason.SPILL_OUTCOME_UNKNOWN);
    assertThat(twin.ran("POST", "/orders/1")).isEqualTo(1);
    assertThat(destination.ran("POST", "/orders/1")).isZero();
  }

  /** The twin never answers; the call's deadline (300 ms) ends the spill. */
  private Adapter.Client twinHangs(Adapter a, CountDownLatch never) {
    twin.behaviour = ex -> {
      await(never);
      ex.close();
    };
    return atTheLimit(a.client(List.of(logic(Duration.ofMillis(300), Duration.ofMillis(1)))));
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinSlowPastTheDeadlineOnAGet_isSpillRejectedSpillFailedByATimeout(Adapter a) {
    CountDownLatch never = new CountDownLatch(1);
    Throwable t = catchThrowable(() -> twinHangs(a, never).call("GET", url("/a"), null));
    never.countDown();
    assertThat(reason(t)).isEqualTo(Reason.SPILL_FAILED);
    assertThat(typed(t)).hasCauseInstanceOf(FunctionTimeoutException.class);
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void twinSlowPastTheDeadlineOnASpillOncePost_isSpillOutcomeUnknownAndRunsOnce(Adapter a) {
    CountDownLatch never = new CountDownLatch(1);
    Throwable t = catchThrowable(() -> twinHangs(a, never).call("POST", url("/orders/1"), "{}"));
    never.countDown();
    assertThat(reason(t)).isEqualTo(Reason.SPILL_OUTCOME_UNKNOWN);
    assertThat(twin.ran("POST", "/orders/1")).isEqualTo(1);
    assertThat(destination.ran("POST", "/orders/1")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void deadlinePassedWaitingForAPermit_isSpillRejectedSpillFailedWithinTheDeadline(Adapter a) {
    twinPlatform(429, "X-Spillover-Throttled", "true");
    // max-wait 10 s, deadline 300 ms: the wait for a destination permit is cut at the deadline
    Adapter.Client c = a.client(List.of(logic(Duration.ofMillis(300), Duration.ofSeconds(10))));
    Throwable t = catchThrowable(() -> atTheLimit(c).call("GET", url("/a"), null));
    assertThat(reason(t)).isEqualTo(Reason.SPILL_FAILED);
    assertThat(typed(t)).hasCauseInstanceOf(FunctionThrottledException.class);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("no permit within (\\d+) ms")
        .matcher(typed(t).getMessage());
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isLessThanOrEqualTo(300);
    assertThat(destination.received).containsExactly("GET /hold");
  }

  // --- calls that may not spill, and calls to other hosts ---

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void unmarkedPostAtTheLimit_isTheDestinationsAnswerNeverTheTwins(Adapter a) {
    Adapter.Client c = atTheLimit(client(a));
    assertThat(c.call("POST", url("/unmarked"), "{}"))
        .isEqualTo(new Answer(200, "destination", null));
    assertThat(twin.received).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void aUrlNoDestinationMatches_passesThroughUntouched(Adapter a) throws IOException {
    try (Loopback other = new Loopback()) {
      other.behaviour = ex -> Loopback.reply(ex, 503, "other");
      Adapter.Client c = atTheLimit(client(a));
      assertThat(c.call("GET", other.url() + "/x", null)).isEqualTo(new Answer(503, "other", null));
      assertThat(twin.received).isEmpty();
      // nothing counted by the destination's spillway: only the holder is in it, not finished
      var m = registry.find("logic").orElseThrow().metrics();
      assertThat(m.calls(Route.LOCAL, Outcome.SUCCESS) + m.calls(Route.LOCAL, Outcome.ERROR))
          .isZero();
      assertThat(m.inflightLocal()).isEqualTo(1);
    }
  }
}
