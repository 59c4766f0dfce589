package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpillRejectedException;
import io.spillover.Spillway;
import io.spillover.function.FunctionApp;
import io.spillover.function.InProcessProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code spillover.functions.<name>.max-concurrency}: one cap for every spillway. */
class FunctionConcurrencyPropertyTest {
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final CountDownLatch IN_TWIN = new CountDownLatch(1);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class))
      .withUserConfiguration(SlowTwin.class);

  @Configuration(proxyBeanMethods = false)
  static class SlowTwin {
    @Bean
    InProcessProvider twins() {
      FunctionApp app = FunctionApp.builder()
          .handle("a", String.class, String.class, FunctionConcurrencyPropertyTest::slow)
          .handle("b", String.class, String.class, FunctionConcurrencyPropertyTest::slow)
          .build();
      return InProcessProvider.named("twins").deploy("social", app);
    }
  }

  static String slow(String s) {
    IN_TWIN.countDown();
    try {
      RELEASE.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "twin:" + s;
  }

  @Test
  void twoSpillwaysShareTheCapOfTheirFunction() throws Exception {
    runner.withPropertyValues("spillover.functions.social.provider=twins",
        "spillover.functions.social.target=social",
        "spillover.functions.social.max-concurrency=1",
        "spillover.configs.default.function.provider=twins",
        "spillover.configs.default.function.target=social",
        "spillover.configs.default.limit.type=fixed",
        "spillover.configs.default.limit.value=1",
        "spillover.configs.default.max-wait=20ms").run(context -> {
          Spillways spillways = context.getBean(Spillways.class);
          Spillway<String, String> a = spillways.spillway("a", String.class, String.class);
          Spillway<String, String> b = spillways.spillway("b", String.class, String.class);
          CountDownLatch localHeld = new CountDownLatch(2);
          CountDownLatch freeLocal = new CountDownLatch(1);
          for (Spillway<String, String> s : java.util.List.of(a, b)) {
            CompletableFuture.runAsync(() -> s.call("held", x -> {
              localHeld.countDown();
              await(freeLocal);
              return x;
            }));
          }
          assertThat(localHeld.await(10, TimeUnit.SECONDS)).isTrue();
          CompletableFuture<String> spilled = CompletableFuture.supplyAsync(() ->
              a.call("first", x -> "local:" + x));
          assertThat(IN_TWIN.await(10, TimeUnit.SECONDS)).isTrue();

          assertThatThrownBy(() -> b.call("second", x -> "local:" + x))
              .isInstanceOfSatisfying(SpillRejectedException.class, e -> assertThat(e.reason())
                  .isEqualTo(SpillRejectedException.Reason.SPILL_CONCURRENCY_FULL));

          RELEASE.countDown();
          assertThat(spilled.get(10, TimeUnit.SECONDS)).isEqualTo("twin:first");
          Awaitility.await().until(() -> a.metrics().inflightSpills() == 0);
          freeLocal.countDown();
        });
  }

  @Test
  void anUnknownProviderAMissingTargetOrACapBelowOneFailsStartup() {
    for (String[] bad : new String[][] {
        {"provider=lambda", "target=social", "max-concurrency=1", "provider",
            "no function provider named 'lambda'"},
        {"provider=twins", "target= ", "max-concurrency=1", "target", "must name the function"},
        {"provider=twins", "target=social", "max-concurrency=0", "max-concurrency",
            "must be >= 1"}}) {
      runner.withPropertyValues("spillover.functions.f." + bad[0], "spillover.functions.f." + bad[1],
          "spillover.functions.f." + bad[2]).run(context -> {
            assertThat(context).hasFailed();
            assertThat(Twins.startupProblem(context.getStartupFailure()))
                .isInstanceOf(SpilloverPropertyException.class)
                .hasMessageContaining("spillover.functions.f." + bad[3])
                .hasMessageContaining(bad[4]);
          });
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
