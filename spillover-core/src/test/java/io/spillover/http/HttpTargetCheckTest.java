package io.spillover.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.spillover.function.FunctionRef;
import io.spillover.function.TargetCheck;
import io.spillover.function.TargetCheck.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The startup check of an HTTP function target: an optional GET on a health path. */
class HttpTargetCheckTest {
  private WireMockServer server;
  private HttpFunctionProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
        .dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
    server.stop();
  }

  private TargetCheck check(HttpFunctionProvider.Builder b, String path) {
    provider = b.build();
    return provider.invoker(FunctionRef.of("http", server.baseUrl() + path))
        .check("compose-post", Duration.ofSeconds(5));
  }

  @Test
  void theHealthPathResolvesAgainstTheTargetAndA2xxIsUp() {
    server.stubFor(get("/fn/healthz").willReturn(aResponse().withStatus(200)));
    TargetCheck c = check(HttpFunctionProvider.builder().healthPath("healthz")
        .headers(() -> Map.of("Authorization", "Bearer t")), "/fn/compose");
    assertThat(c.status()).isEqualTo(Status.OK);
    server.verify(getRequestedFor(urlEqualTo("/fn/healthz"))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock
            .equalTo("Bearer t")));
  }

  @Test
  void anAbsolutePathGoesToTheHostRoot() {
    server.stubFor(get("/health").willReturn(aResponse().withStatus(204)));
    assertThat(check(HttpFunctionProvider.builder().healthPath("/health"), "/fn/compose")
        .status()).isEqualTo(Status.OK);
  }

  @Test
  void notFoundMeansNothingIsDeployedThere() {
    server.stubFor(get("/fn/compose").willReturn(aResponse().withStatus(404).withBody("no such")));
    TargetCheck c = check(HttpFunctionProvider.builder().healthPath(""), "/fn/compose");
    assertThat(c.status()).isEqualTo(Status.NOT_DEPLOYED);
    assertThat(c.detail()).contains("GET " + server.baseUrl() + "/fn/compose", "404", "no such");
  }

  @Test
  void aServerErrorOrNoAnswerIsUnreachable() {
    server.stubFor(get("/health").willReturn(aResponse().withStatus(503)));
    assertThat(check(HttpFunctionProvider.builder().healthPath("/health"), "/fn").status())
        .isEqualTo(Status.UNREACHABLE);
    int port = server.port();
    provider.close();
    server.stop();
    provider = HttpFunctionProvider.builder().healthPath("/health").build();
    assertThat(provider.invoker(FunctionRef.of("http", "http://127.0.0.1:" + port + "/fn"))
        .check("svc", Duration.ofSeconds(5)).status()).isEqualTo(Status.UNREACHABLE);
  }

  @Test
  void withoutAHealthPathNothingIsSent() {
    assertThat(check(HttpFunctionProvider.builder(), "/fn").status())
        .isEqualTo(Status.UNSUPPORTED);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBadHealthPathIsRefusedByTheBuilder() {
    assertThatThrownBy(() -> HttpFunctionProvider.builder().healthPath("http://[bad"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
