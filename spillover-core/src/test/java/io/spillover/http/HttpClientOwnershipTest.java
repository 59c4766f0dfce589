package io.spillover.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import io.spillover.testing.Outcomes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user's own OkHttpClient: its calls are cancelled with the invocation, and it stays open. */
class HttpClientOwnershipTest {
  private final AtomicInteger canceled = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private WireMockServer server;
  private OkHttpClient client;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(5000)
        .withBody(Envelopes.okReply("r", "1"))));
    client = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void callStart(Call call) {
        started.incrementAndGet();
      }

      @Override
      public void canceled(Call call) {
        canceled.incrementAndGet();
      }
    }).build();
  }

  @AfterEach
  void stop() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    server.stop();
  }

  @Test
  void cancellingTheInvocationCancelsTheHttpCall() {
    try (HttpFunctionProvider provider = HttpFunctionProvider.builder().okHttpClient(client).build()) {
      CompletableFuture<byte[]> f = invoke(provider, 15_000);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);

      f.cancel(true);

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> canceled.get() == 1);
    }
  }

  @Test
  void aCallPastItsDeadlineIsCancelledAndTheClientOutlivesTheProvider() {
    HttpFunctionProvider provider = HttpFunctionProvider.builder().okHttpClient(client).build();

    FunctionException e = Outcomes.failure(invoke(provider, 300));
    provider.close();

    assertThat(e).isInstanceOf(FunctionTimeoutException.class);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> canceled.get() >= 1);
    assertThat(client.dispatcher().executorService().isShutdown()).isFalse();
    assertThat(client.retryOnConnectionFailure()).isTrue(); // the user's client is not changed
  }

  private CompletableFuture<byte[]> invoke(HttpFunctionProvider provider, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    return provider.invoker(FunctionRef.of("http", server.baseUrl() + "/f")).invoke(
        new Invocation("r", "svc", Envelopes.request("r", "svc", deadline, "{}"), deadline, false));
  }
}
