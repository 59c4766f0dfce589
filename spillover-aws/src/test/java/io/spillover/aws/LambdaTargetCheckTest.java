package io.spillover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.TargetCheckException;
import io.spillover.TargetCheckMode;
import io.spillover.function.FunctionRef;
import io.spillover.function.TargetCheck;
import io.spillover.function.TargetCheck.Status;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The startup check of a Lambda target: a signed Invoke dry run, whose answer says whether the
 * function exists and may be invoked, and which runs nothing.
 */
class LambdaTargetCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private WireMockServer server;
  private LambdaProvider provider;

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

  private LambdaProvider provider(String endpoint, boolean dryRun) {
    provider = LambdaProvider.builder().region("eu-west-1").endpointOverride(endpoint)
        .credentials("AKIDEXAMPLE", "secret").dryRunCheck(dryRun).build();
    return provider;
  }

  private TargetCheck check(String target) {
    return provider.invoker(FunctionRef.of("lambda", target)).check("compose-post", TIMEOUT);
  }

  @Test
  void aDeployedFunctionAnswersTheSignedDryRunWith204() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    provider(server.baseUrl(), true);
    assertThat(check("social-compose:live").status()).isEqualTo(Status.OK);

    LoggedRequest got = server.getAllServeEvents().get(0).getRequest();
    assertThat(got.getMethod().getName()).isEqualTo("POST");
    assertThat(got.getUrl())
        .isEqualTo("/2015-03-31/functions/social-compose/invocations?Qualifier=live");
    assertThat(got.getHeader("X-Amz-Invocation-Type")).isEqualTo("DryRun");
    assertThat(got.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential="
        + "AKIDEXAMPLE/").contains("x-amz-invocation-type");
  }

  @Test
  void aMissingFunctionIsNotDeployedWithLambdasOwnMessage() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
        .withBody("{\"Type\":\"User\",\"message\":\"Function not found: "
            + "arn:aws:lambda:eu-west-1:123456789012:function:social-compose\"}")));
    provider(server.baseUrl(), true);
    TargetCheck c = check("social-compose");
    assertThat(c.status()).isEqualTo(Status.NOT_DEPLOYED);
    assertThat(c.detail()).contains("404 ResourceNotFoundException", "Function not found",
        "lambda:social-compose");
  }

  @Test
  void missingPermissionIsAProblemButNotNotDeployed() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)
        .withHeader("x-amzn-ErrorType", "AccessDeniedException")
        .withBody("{\"Message\":\"User is not authorized to perform: lambda:InvokeFunction\"}")));
    provider(server.baseUrl(), true);
    TargetCheck c = check("social-compose");
    assertThat(c.status()).isEqualTo(Status.UNREACHABLE);
    assertThat(c.detail()).contains("403 AccessDeniedException", "lambda:InvokeFunction");
  }

  @Test
  void anEndpointThatDoesNotAnswerIsUnreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    provider("http://127.0.0.1:" + closed, true);
    TargetCheck c = check("social-compose");
    assertThat(c.status()).isEqualTo(Status.UNREACHABLE);
    assertThat(c.detail()).contains("127.0.0.1");
  }

  @Test
  void theDryRunCanBeTurnedOff() {
    provider(server.baseUrl(), false);
    assertThat(check("social-compose").status()).isEqualTo(Status.UNSUPPORTED);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRegistryInFailModeRefusesTheSpillway() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
        .withBody("{\"message\":\"Function not found\"}")));
    try (SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(provider(server.baseUrl(), true)).tickInterval(Duration.ZERO)
        .targetCheck(TargetCheckMode.FAIL, TIMEOUT).build()) {
      assertThatThrownBy(() -> registry.spillway("compose-post", SpillwayConfig.custom()
          .function(FunctionRef.of("lambda", "social-compose")).build(), String.class,
          String.class))
          .isInstanceOf(TargetCheckException.class)
          .hasMessageContaining("spillway 'compose-post'")
          .hasMessageContaining("lambda:social-compose")
          .hasMessageContaining("NOT_DEPLOYED");
      provider = null; // closed with the registry
    }
  }
}
