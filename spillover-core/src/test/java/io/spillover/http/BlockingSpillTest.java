package io.spillover.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A blocking {@code call} that spills over HTTP sends on the caller's own thread (no hand-off to
 * OkHttp's dispatcher); {@code callAsync} keeps the asynchronous exchange.
 */
class BlockingSpillTest {
  record Greeting(String name) {}

  record Reply(String text) {}

  private final Set<String> sendingThreads = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private SpilloverRegistry registry;
  private Spillway<Greeting, Reply> greet;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    FunctionApp app = FunctionApp.builder()
        .handle("greet", Greeting.class, Reply.class, g -> new Reply("fn " + g.name()))
        .handle("greet-h", Greeting.class, Reply.class, g -> new Reply("fn " + g.name()))
        .build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fn/greet", new FunctionAppHttpHandler(app, 1024));
    server.start();
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(chain -> {
      sendingThreads.add(Thread.currentThread().getName());
      return chain.proceed(chain.request());
    }).build();
    registry = SpilloverRegistry.builder().provider(HttpFunctionProvider.builder()
        .baseUrl("local", "http://127.0.0.1:" + server.getAddress().getPort() + "/fn/")
        .okHttpClient(client).build())
        .provider(HttpFunctionProvider.builder().name("with-headers")
            .baseUrl("local", "http://127.0.0.1:" + server.getAddress().getPort() + "/fn/")
            .headers(() -> java.util.Map.of("Authorization", "Bearer t"))
            .okHttpClient(client).build())
        .build();
    greet = registry.spillway("greet", SpillwayConfig.custom().limit(Limits.fixed(1))
        .function(FunctionRef.of("http", "local/greet")).build(), Greeting.class, Reply.class);
    CountDownLatch held = new CountDownLatch(1);
    Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "holder");
      t.setDaemon(true);
      return t;
    }).execute(() -> greet.call(new Greeting("held"), g -> {
      held.countDown();
      await(release);
      return new Reply("local");
    }));
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void stop() {
    release.countDown();
    registry.close();
    server.stop(0);
  }

  @Test
  void aBlockingCallSpillsOnItsOwnThread() {
    Reply reply = greet.call(new Greeting("ada"), g -> new Reply("must not run locally"));

    assertThat(reply.text()).isEqualTo("fn ada");
    assertThat(sendingThreads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void anAsyncCallSpillsOnTheHttpClientsThreads() throws Exception {
    Reply reply = greet.callAsync(new Greeting("bob"),
        g -> java.util.concurrent.CompletableFuture.completedFuture(new Reply("local")))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(reply.text()).isEqualTo("fn bob");
    assertThat(sendingThreads).isNotEmpty().doesNotContain(Thread.currentThread().getName());
  }

  @Test
  void withAHeaderSupplierABlockingCallStaysOffTheCallersThread() throws Exception {
    // the supplier is user code that may wait without limit: only the asynchronous path can cut
    // it off at the deadline
    Spillway<Greeting, Reply> viaHeaders = registry.spillway("greet-h", SpillwayConfig.custom()
        .limit(Limits.fixed(1)).function(FunctionRef.of("with-headers", "local/greet")).build(),
        Greeting.class, Reply.class);
    CountDownLatch held = new CountDownLatch(1);
    java.util.concurrent.CompletableFuture.runAsync(() -> viaHeaders.call(new Greeting("x"), g -> {
      held.countDown();
      await(release);
      return new Reply("local");
    }));
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

    Reply reply = viaHeaders.call(new Greeting("eve"), g -> new Reply("must not run locally"));

    assertThat(reply.text()).isEqualTo("fn eve");
    assertThat(sendingThreads).isNotEmpty().doesNotContain(Thread.currentThread().getName());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
