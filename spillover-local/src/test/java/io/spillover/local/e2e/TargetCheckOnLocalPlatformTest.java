package io.spillover.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.TargetCheckException;
import io.spillover.TargetCheckMode;
import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.TargetCheck;
import io.spillover.function.TargetCheck.Status;
import io.spillover.http.HttpFunctionProvider;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.local.e2e.DigestApp.Digest;
import io.spillover.local.e2e.DigestApp.DigestRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The startup check against the local platform, through the real invokers: the platform answers
 * the Lambda dry run and the HTTP health probe from its own list of functions, exactly, and
 * starts no worker for it.
 */
class TargetCheckOnLocalPlatformTest {
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(FunctionSpec.lambda("twin-l", DigestLambdaHandler.class.getName()).build())
        .workDir(work).build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static SpilloverRegistry registry(TargetCheckMode mode) {
    String endpoint = platform.endpoint().toString();
    return SpilloverRegistry.builder()
        .provider(LambdaProvider.builder().region("us-east-1").endpointOverride(endpoint)
            .credentials("AKIDLOCALPLATFORM", "local-secret").build())
        .provider(HttpFunctionProvider.builder().baseUrl("local", endpoint + "/http")
            .healthPath("").build())
        .tickInterval(Duration.ZERO).targetCheck(mode, Duration.ofSeconds(10)).build();
  }

  private static SpillwayConfig to(String provider, String target) {
    return SpillwayConfig.custom().function(FunctionRef.of(provider, target)).build();
  }

  private static Status checked(SpilloverRegistry registry, String spillway) {
    TargetCheck c = registry.targetCheck(spillway).orElseThrow().toCompletableFuture().join();
    return c.status();
  }

  @Test
  void aDeployedFunctionPassesThroughLambdaAndHttp() {
    try (SpilloverRegistry registry = registry(TargetCheckMode.FAIL)) {
      registry.spillway("digest", to("lambda", "twin-l"), DigestRequest.class, Digest.class);
      registry.spillway("digest-h", to("http", "local/twin-l"), DigestRequest.class,
          Digest.class);
      assertThat(checked(registry, "digest")).isEqualTo(Status.OK);
      assertThat(checked(registry, "digest-h")).isEqualTo(Status.OK);
    }
    assertThat(platform.stats().instances()).as("no worker started for a check").isZero();
  }

  @Test
  void aFunctionTheLocalPlatformDoesNotHaveFailsStartupThroughLambda() {
    try (SpilloverRegistry registry = registry(TargetCheckMode.FAIL)) {
      assertThatThrownBy(() -> registry.spillway("digest", to("lambda", "twin-x"),
          DigestRequest.class, Digest.class))
          .isInstanceOfSatisfying(TargetCheckException.class, e -> {
            assertThat(e.check().status()).isEqualTo(Status.NOT_DEPLOYED);
            assertThat(e.getMessage()).contains("spillway 'digest'", "lambda:twin-x",
                "ResourceNotFoundException", "Function not found");
          });
    }
  }

  @Test
  void aFunctionTheLocalPlatformDoesNotHaveIsNotDeployedThroughHttp() {
    try (SpilloverRegistry registry = registry(TargetCheckMode.WARN)) {
      registry.spillway("digest", to("http", "local/twin-x"), DigestRequest.class, Digest.class);
      assertThat(checked(registry, "digest")).isEqualTo(Status.NOT_DEPLOYED);
    }
  }
}
