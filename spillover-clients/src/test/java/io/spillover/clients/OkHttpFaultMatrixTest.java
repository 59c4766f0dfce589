package io.spillover.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpilloverException;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OkHttp adapter against real loopback servers: every call ends in the destination's answer,
 * the twin's answer, or one typed exception; a call spilled once never runs twice.
 */
class OkHttpFaultMatrixTest {
  private final LoopbackServer destination;
  private final LoopbackServer twin;
  private final CountDownLatch holdDestination = new CountDownLatch(1);
  private final CountDownLatch destinationBusy = new CountDownLatch(1);
  private SpilloverRegistry registry;
  private OkHttpClient client;
  private Thread holder;

  OkHttpFaultMatrixTest() throws IOException {
    destination = new LoopbackServer();
    twin = new LoopbackServer();
  }

  @BeforeEach
  void setUp() {
    registry = SpilloverRegistry.builder().provider(new TwinHttpProvider())
        .tickInterval(Duration.ZERO).build();
    ClientSpillway logic = new ClientSpillway(registry, "logic", destination.url(),
        SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(Duration.ofMillis(1))
            .function(FunctionRef.of(TwinHttpProvider.NAME, twin.url() + "/http/logic")).build(),
        RouteRules.defaults().spill("POST /orders/**").never("POST /payments/**"));
    client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .addInterceptor(new SpilloverOkHttpInterceptor(List.of(logic))).build();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    holdDestination.countDown();
    if (holder != null) {
      holder.join(5000);
    }
    registry.close();
    destination.close();
    twin.close();
  }

  /** Occupies the only destination permit, so the next spillable call is at the limit. */
  private void atTheLimit() throws InterruptedException {
    destination.behaviour = ex -> {
      if (ex.getRequestURI().getPath().equals("/hold")) {
        destinationBusy.countDown();
        try {
          holdDestination.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      LoopbackServer.reply(ex, 200, "destination");
    };
    holder = new Thread(() -> {
      try (Response r = client.newCall(get("/hold")).execute()) {
        r.body().string();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    holder.start();
    assertThat(destinationBusy.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private Request get(String path) {
    return new Request.Builder().url(destination.url() + path).build();
  }

  private Request post(String path) {
    return new Request.Builder().url(destination.url() + path)
        .post(RequestBody.create("{\"n\":1}", MediaType.get("application/json"))).build();
  }

  private String call(Request r) throws IOException {
    try (Response res = client.newCall(r).execute()) {
      return res.code() + " " + res.body().string();
    }
  }

  @Test
  void underTheLimitTheDestinationAnswers() throws IOException {
    assertThat(call(get("/a?x=1"))).isEqualTo("200 ok");
    assertThat(twin.received).isEmpty();
  }

  @Test
  void destinationOverloadRepliesReachTheCallerUnchanged() throws IOException {
    destination.behaviour = ex -> {
      ex.getResponseHeaders().set("Retry-After", "1");
      LoopbackServer.reply(ex, 503, "busy");
    };
    assertThat(call(get("/a"))).isEqualTo("503 busy");
    destination.behaviour = ex -> LoopbackServer.reply(ex, 429, "slow down");
    assertThat(call(get("/a"))).isEqualTo("429 slow down");
  }

  @Test
  void refusedDestinationIsTheClientsOwnConnectException() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ClientSpillway gone = new ClientSpillway(registry, "gone", "http://127.0.0.1:" + port,
        SpillwayConfig.custom().limit(Limits.fixed(4))
            .function(FunctionRef.of(TwinHttpProvider.NAME, twin.url())).build(),
        RouteRules.defaults());
    OkHttpClient c = new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .addInterceptor(new SpilloverOkHttpInterceptor(List.of(gone))).build();
    assertThatThrownBy(() -> c.newCall(new Request.Builder()
        .url("http://127.0.0.1:" + port + "/a").build()).execute())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void atTheLimitTheSameRequestGoesToTheTwin() throws Exception {
    atTheLimit();
    twin.behaviour = ex -> {
      String id = ex.getRequestHeaders().getFirst("X-Spillover-Id");
      String deadline = ex.getRequestHeaders().getFirst("X-Spillover-Deadline");
      LoopbackServer.reply(ex, 200, "twin " + (id != null) + " " + (deadline != null)
          + " " + ex.getRequestHeaders().getFirst("X-Custom"));
    };
    Request r = new Request.Builder().url(destination.url() + "/items/7?q=a%20b")
        .header("X-Custom", "kept").build();
    assertThat(call(r)).isEqualTo("200 twin true true kept");
    assertThat(twin.received).containsExactly("GET /http/logic/items/7?q=a%20b");
  }

  @Test
  void theTwinsOwn429IsItsAnswer() throws Exception {
    atTheLimit();
    twin.behaviour = ex -> LoopbackServer.reply(ex, 429, "app says no");
    assertThat(call(get("/a"))).isEqualTo("429 app says no");
  }

  @Test
  void aPlatformThrottleWithNoFreePermitIsATypedRejection() throws Exception {
    atTheLimit();
    twin.behaviour = ex -> {
      ex.getResponseHeaders().set("X-Spillover-Throttled", "true");
      LoopbackServer.reply(ex, 429, "");
    };
    assertThatThrownBy(() -> call(get("/a"))).isInstanceOf(SpilloverException.class);
    assertThat(destination.received).containsExactly("GET /hold");
  }

  @Test
  void aTwinKilledMidCallAfterASpillOnceCallIsAnErrorNotASecondRun() throws Exception {
    atTheLimit();
    twin.behaviour = ex -> ex.close(); // the instance dies: the connection drops, no reply
    assertThatThrownBy(() -> call(post("/orders/1"))).isInstanceOf(SpilloverException.class);
    assertThat(twin.received).containsExactly("POST /http/logic/orders/1");
    assertThat(destination.received).containsExactly("GET /hold");
  }

  @Test
  void aPlatformFailureOfASpillOnceCallIsAnErrorNotASecondRun() throws Exception {
    atTheLimit();
    twin.behaviour = ex -> {
      ex.getResponseHeaders().set("X-Spillover-Platform-Error", "crashed");
      LoopbackServer.reply(ex, 502, "");
    };
    assertThatThrownBy(() -> call(post("/orders/1"))).isInstanceOf(SpilloverException.class);
    assertThat(twin.received).hasSize(1);
    assertThat(destination.received).containsExactly("GET /hold");
  }

  @Test
  void unmarkedAndNeverRoutesStayOnTheDestination() throws Exception {
    atTheLimit();
    holdDestination.countDown(); // the destination answers again; the limit still allows 1
    holder.join(5000);
    assertThat(call(post("/payments/1"))).isEqualTo("200 destination");
    assertThat(call(post("/unmarked"))).isEqualTo("200 destination");
    assertThat(twin.received).isEmpty();
  }

  @Test
  void aSlowTwinPastTheDeadlineIsATypedError() throws Exception {
    ClientSpillway tight = new ClientSpillway(registry, "tight", destination.url(),
        SpillwayConfig.custom().limit(Limits.fixed(1)).maxWait(Duration.ofMillis(1))
            .timeout(Duration.ofMillis(200))
            .function(FunctionRef.of(TwinHttpProvider.NAME, twin.url())).build(),
        RouteRules.defaults());
    client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .addInterceptor(new SpilloverOkHttpInterceptor(List.of(tight))).build();
    atTheLimit();
    CountDownLatch never = new CountDownLatch(1);
    twin.behaviour = ex -> {
      try {
        never.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    };
    assertThatThrownBy(() -> call(get("/a"))).isInstanceOf(SpilloverException.class);
    never.countDown();
  }
}
