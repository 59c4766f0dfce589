package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.function.TargetCheck;
import io.spillover.function.TargetCheck.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Misconfigured function targets show when the spillway is created, not under load. */
class TargetCheckTest {
  private final InProcessProvider provider = InProcessProvider.create().deploy("twin",
      FunctionApp.builder().handle("compose", Echo.class, Echo.class, e -> e).build());
  private SpilloverRegistry registry;

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
    provider.close();
  }

  private SpilloverRegistry registry(TargetCheckMode mode) {
    registry = SpilloverRegistry.builder().provider(provider).tickInterval(Duration.ZERO)
        .targetCheck(mode, Duration.ofSeconds(1)).build();
    return registry;
  }

  private static SpillwayConfig to(String target) {
    return SpillwayConfig.custom().function(FunctionRef.of("in-process", target)).build();
  }

  @Test
  void theInProcessProviderChecksExactlyTheDeployedAppAndItsServices() {
    var invoker = provider.invoker(FunctionRef.of("in-process", "twin"));
    assertThat(invoker.check("compose", Duration.ofSeconds(1)).status()).isEqualTo(Status.OK);
    TargetCheck unknown = invoker.check("compse", Duration.ofSeconds(1));
    assertThat(unknown.status()).isEqualTo(Status.UNKNOWN_SERVICE);
    assertThat(unknown.detail()).contains("'compse'", "[compose]");
    TargetCheck missing = provider.invoker(FunctionRef.of("in-process", "twni"))
        .check("compose", Duration.ofSeconds(1));
    assertThat(missing.status()).isEqualTo(Status.NOT_DEPLOYED);
    assertThat(missing.detail()).contains("'twni'", "[twin]");
  }

  @Test
  void failModeRefusesASpillwayWhoseTargetIsNotDeployed() {
    SpilloverRegistry r = registry(TargetCheckMode.FAIL);
    assertThatThrownBy(() -> r.spillway("compose", to("twni"), Echo.class, Echo.class))
        .isInstanceOfSatisfying(TargetCheckException.class, e -> {
          assertThat(e.spillway()).isEqualTo("compose");
          assertThat(e.target()).isEqualTo(FunctionRef.of("in-process", "twni"));
          assertThat(e.check().status()).isEqualTo(Status.NOT_DEPLOYED);
          assertThat(e.getMessage()).contains("spillway 'compose'", "in-process:twni",
              "NOT_DEPLOYED");
        });
    assertThat(r.find("compose")).isEmpty();
  }

  @Test
  void failModeRefusesASpillwayTheTwinHasNoHandlerFor() {
    SpilloverRegistry r = registry(TargetCheckMode.FAIL);
    assertThatThrownBy(() -> r.spillway("compse", to("twin"), Echo.class, Echo.class))
        .isInstanceOfSatisfying(TargetCheckException.class,
            e -> assertThat(e.check().status()).isEqualTo(Status.UNKNOWN_SERVICE));
    assertThat(r.spillway("compose", to("twin"), Echo.class, Echo.class)).isNotNull();
    assertThat(r.targetCheck("compose")).hasValueSatisfying(c -> assertThat(
        c.toCompletableFuture().join().status()).isEqualTo(Status.OK));
  }

  @Test
  void warnModeCreatesTheSpillwayAndReportsTheProblemInTheBackground() throws Exception {
    SpilloverRegistry r = registry(TargetCheckMode.WARN);
    Spillway<Echo, Echo> sw = r.spillway("compose", to("twni"), Echo.class, Echo.class);
    assertThat(sw.call(Echo.of("a"), e -> Echo.of("local")).text).isEqualTo("local");
    TargetCheck c = r.targetCheck("compose").orElseThrow().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(c.status()).isEqualTo(Status.NOT_DEPLOYED);
  }

  @Test
  void offModeChecksNothing() {
    SpilloverRegistry r = registry(TargetCheckMode.OFF);
    r.spillway("compose", to("twni"), Echo.class, Echo.class);
    assertThat(r.targetCheck("compose").orElseThrow().toCompletableFuture().join()).isNull();
  }

  @Test
  void aProviderThatCannotCheckIsNotAProblemEvenInFailMode() {
    registry = SpilloverRegistry.builder().provider(new io.spillover.testing.ScriptedProvider(
        FunctionApp.builder().handle("compose", Echo.class, Echo.class, e -> e).build()))
        .tickInterval(Duration.ZERO).targetCheck(TargetCheckMode.FAIL, Duration.ofSeconds(1))
        .build();
    registry.spillway("compose", SpillwayConfig.custom()
        .function(FunctionRef.of("scripted", "x")).build(), Echo.class, Echo.class);
    assertThat(registry.targetCheck("compose").orElseThrow().toCompletableFuture().join()
        .status()).isEqualTo(Status.UNSUPPORTED);
  }
}
