package io.spillover.openwhisk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.spillover.SpilloverClock;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact REST requests the OpenWhisk provider sends. */
class OpenWhiskContractTest {
  private static final long NOW = 1_750_000_000_000L;
  /** Deadlines are measured against this clock; OkHttp still times calls in real time. */
  private static final SpilloverClock CLOCK = new SpilloverClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long epochMillis() {
      return NOW;
    }
  };
  private static final String KEY = "23bc46b1-71f6-4ed5-8c54-816aa4f8c502:123zO3xZCLrMN6v2BKK1dXYFpXlPkccOFqm12CdAsMgRU4VrNZ9lyGVCGuMDGIwP";

  private WireMockServer server;
  private OpenWhiskProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withBody("{\"envelope\":" + Envelopes.okReply("id-1", "{\"n\":1}") + "}")));
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop();
  }

  @Test
  void aBlockingInvocationOfAPackagedActionWithTheEnvelopeAsParameters() throws Exception {
    provider = builder().build();
    byte[] payload = invoke("social/compose-post", 15_000);

    LoggedRequest got = server.getAllServeEvents().get(0).getRequest();
    assertThat(got.getMethod().getName()).isEqualTo("POST");
    assertThat(got.getUrl()).isEqualTo(
        "/api/v1/namespaces/_/actions/social/compose-post?blocking=true&result=true&timeout=15000");
    assertThat(got.getHeader("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));
    assertThat(got.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(got.getHeader("Accept")).isEqualTo("application/json");
    assertThat(got.getBody()).isEqualTo(payload);
  }

  @Test
  void namespacesComeFromTheBuilderOrAFullyQualifiedTarget() throws Exception {
    provider = builder().namespace("guest").build();
    invoke("compose-post", 15_000);
    invoke("/team@example.com_dev/social/compose-post", 15_000);

    assertThat(server.getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
        .allSatisfy(u -> assertThat(u).endsWith("?blocking=true&result=true&timeout=15000"))
        .anySatisfy(u -> assertThat(u).startsWith("/api/v1/namespaces/guest/actions/compose-post?"))
        .anySatisfy(u -> assertThat(u).startsWith(
            "/api/v1/namespaces/team@example.com_dev/actions/social/compose-post?"));
  }

  @Test
  void theBlockingWaitIsTheTimeLeftUpToOpenWhisksMaximum() throws Exception {
    provider = builder().build();
    invoke("a", 600_000);

    assertThat(server.getAllServeEvents().get(0).getRequest().getUrl()).endsWith("&timeout=60000");
  }

  @Test
  void theReplyIsTheEnvelopeBytesAsTheActionProducedThem() throws Exception {
    String envelope = "{\"v\":2,\"id\":\"id-1\",\"ok\":true,\"body\":{\"x\":1.50,\"y\":\"\\u00e9\"},"
        + "\"cold\":false,\"ms\":2}";
    server.stubFor(any(anyUrl()).willReturn(aResponse().withBody(
        "{ \"envelope\" : " + envelope + " , \"extra\": [1] }")));
    provider = builder().build();
    long deadline = NOW + 15_000;

    byte[] reply = provider.invoker(FunctionRef.of("openwhisk", "a")).invoke(new Invocation("id-1",
        "svc", Envelopes.request("id-1", "svc", deadline, "{}"), deadline, false))
        .get(30, TimeUnit.SECONDS);

    assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo(envelope);
  }

  @Test
  void optionsAndTargetsAreValidatedEagerly() {
    assertThatThrownBy(() -> OpenWhiskProvider.builder().apiKey("no-colon"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uuid:key");
    assertThatThrownBy(() -> OpenWhiskProvider.builder().apiKey("uuid:"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenWhiskProvider.builder().namespace("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenWhiskProvider.builder().apiKey(KEY).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiHost");
    assertThatThrownBy(() -> OpenWhiskProvider.builder().apiHost(server.baseUrl()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> OpenWhiskProvider.builder()
        .pollInterval(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    provider = builder().build();
    for (String bad : new String[] {"a/b/c", "/ns", "/ns/a/b/c", "-a", "p/", "a b "}) {
      assertThatThrownBy(() -> provider.invoker(FunctionRef.of("openwhisk", bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private OpenWhiskProvider.Builder builder() {
    return OpenWhiskProvider.builder().apiHost(server.baseUrl()).apiKey(KEY).clock(CLOCK);
  }

  private byte[] invoke(String target, long millisToDeadline) throws Exception {
    long deadline = NOW + millisToDeadline;
    byte[] payload = Envelopes.request("id-1", "compose-post", deadline, "{\"text\":\"hi\"}");
    provider.invoker(FunctionRef.of("openwhisk", target))
        .invoke(new Invocation("id-1", "compose-post", payload, deadline, false))
        .get(30, TimeUnit.SECONDS);
    return payload;
  }
}
