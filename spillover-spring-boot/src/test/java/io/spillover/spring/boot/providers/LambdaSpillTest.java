package io.spillover.spring.boot.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.Spillway;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import io.spillover.spring.boot.SpilloverAutoConfiguration;
import io.spillover.spring.boot.SpilloverProvidersAutoConfiguration;
import io.spillover.spring.boot.Spillways;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A spill through the auto-configured Lambda provider to a twin on the local platform. */
class LambdaSpillTest {
  @TempDir Path work;

  @Test
  void spillsThroughTheConfiguredLambdaProvider() throws Exception {
    try (LocalPlatform platform = LocalPlatform.builder().workDir(work)
        .functions(FunctionSpec.lambda("shout-twin", ShoutHandler.class.getName()).build())
        .build().start()) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
              SpilloverProvidersAutoConfiguration.class))
          .withPropertyValues("spillover.startup-check.properties=off", // no spillway at startup
              "spillover.providers.lambda.enabled=true",
              "spillover.providers.lambda.region=us-east-1",
              "spillover.providers.lambda.endpoint-override=" + platform.endpoint(),
              "spillover.providers.lambda.credentials.access-key-id=AKIDLOCALPLATFORM",
              "spillover.providers.lambda.credentials.secret-access-key=local-secret",
              "spillover.spillways.shout.function.provider=lambda",
              "spillover.spillways.shout.function.target=shout-twin:live",
              "spillover.spillways.shout.limit.type=fixed",
              "spillover.spillways.shout.limit.value=1",
              "spillover.spillways.shout.timeout=60s")
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Spillways.class).config("shout").limit()).isNotNull();
            Spillway<String, String> shout = context.getBean(Spillways.class)
                .spillway("shout", String.class, String.class);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> local = CompletableFuture.supplyAsync(() ->
                shout.call("held", s -> {
                  holding.countDown();
                  await(release);
                  return "local " + s;
                }));
            holding.await();
            String spilled = shout.call("hello", s -> {
              throw new AssertionError("ran locally");
            });
            release.countDown();
            assertThat(local.get()).isEqualTo("local held");
            assertThat(spilled).startsWith("HELLO from ")
                .doesNotEndWith(" " + ProcessHandle.current().pid());
            assertThat(shout.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isEqualTo(1);
            assertThat(platform.stats().function("shout-twin").invocations()).isEqualTo(1);
          });
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
            .as("worker processes left behind").isEmpty());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
