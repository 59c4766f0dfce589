package io.spillover.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the HTTP provider sends, and how it resolves targets. */
class HttpFunctionProviderTest {
  private WireMockServer server;
  private HttpFunctionProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
    server.stop();
  }

  @Test
  void postsTheEnvelopeAsJsonToTheBaseUrlPlusPathWithSuppliedHeaders() throws Exception {
    String reply = Envelopes.okReply("r-1", "{\"n\":2}");
    server.stubFor(post("/fn/social/compose-post").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(reply)));
    provider = HttpFunctionProvider.builder()
        .baseUrl("social", server.baseUrl() + "/fn/social/")
        .headers(() -> Map.of("Authorization", "Bearer t0k"))
        .build();
    byte[] payload = Envelopes.request("r-1", "compose-post", deadline(15_000), "{\"text\":\"hi\"}");

    byte[] got = provider.invoker(FunctionRef.of("http", "social/compose-post"))
        .invoke(new Invocation("r-1", "compose-post", payload, deadline(15_000), false))
        .get(30, TimeUnit.SECONDS);

    assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(reply);
    server.verify(1, postRequestedFor(urlEqualTo("/fn/social/compose-post"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("Authorization", equalTo("Bearer t0k")));
    assertThat(server.getAllServeEvents().get(0).getRequest().getBody()).isEqualTo(payload);
  }

  @Test
  void anAbsoluteUrlTargetIsUsedAsItIs() throws Exception {
    server.stubFor(post("/direct?x=1").willReturn(aResponse().withBody(Envelopes.okReply("a", "1"))));
    provider = HttpFunctionProvider.builder().name("web").build();
    FunctionInvoker invoker = provider.invoker(FunctionRef.of("web", server.baseUrl() + "/direct?x=1"));

    invoker.invoke(invocation("a")).get(30, TimeUnit.SECONDS);

    server.verify(1, postRequestedFor(urlEqualTo("/direct?x=1")));
  }

  @Test
  void theHeaderSupplierRunsOffTheCallersThread() throws Exception {
    server.stubFor(post("/f").willReturn(aResponse().withBody(Envelopes.okReply("b", "true"))));
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> supplierThread = new AtomicReference<>();
    provider = HttpFunctionProvider.builder()
        .headers(() -> {
          supplierThread.set(Thread.currentThread());
          await(release);
          return Map.of("X-Token", "late");
        })
        .build();

    CompletableFuture<byte[]> f = provider.invoker(FunctionRef.of("http", server.baseUrl() + "/f"))
        .invoke(invocation("b"));

    assertThat(f).isNotDone(); // invoke returned while the supplier is still blocked
    release.countDown();
    f.get(30, TimeUnit.SECONDS);
    assertThat(supplierThread.get()).isNotSameAs(Thread.currentThread());
    server.verify(1, postRequestedFor(urlEqualTo("/f")).withHeader("X-Token", equalTo("late")));
  }

  @Test
  void targetsAndOptionsAreValidatedEagerly() {
    provider = HttpFunctionProvider.builder().baseUrl("a", "http://127.0.0.1:1/x/").build();
    assertThatThrownBy(() -> provider.invoker(FunctionRef.of("http", "b/path")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known bases: [a]");
    assertThatThrownBy(() -> provider.invoker(FunctionRef.of("lambda", "a/path")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> provider.invoker(FunctionRef.of("http", "http://")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpFunctionProvider.builder().baseUrl("a", "ftp://x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpFunctionProvider.builder().baseUrl("a/b", "http://x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpFunctionProvider.builder().maxRequestBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpFunctionProvider.builder().name(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(provider.invoker(FunctionRef.of("http", "a")).maxRequestBytes())
        .isEqualTo(6 * 1024 * 1024);
  }

  private static Invocation invocation(String id) {
    long deadline = deadline(15_000);
    return new Invocation(id, "svc", Envelopes.request(id, "svc", deadline, "{}"), deadline, false);
  }

  private static long deadline(long millisFromNow) {
    return System.currentTimeMillis() + millisFromNow;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
