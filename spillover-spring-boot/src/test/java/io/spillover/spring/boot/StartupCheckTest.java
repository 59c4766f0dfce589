package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.TargetCheckException;
import io.spillover.function.FunctionApp;
import io.spillover.function.TargetCheck.Status;
import io.spillover.spring.boot.internal.SpilloverStartupFailureAnalyzers;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What is wrong in the configuration shows when the application starts: unknown keys, spillways
 * that nothing created, function targets that are not there; and what is right is logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupCheckTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class))
      .withUserConfiguration(App.class)
      .withPropertyValues("spillover.tick-interval=0s",
          "spillover.providers.in-process.enabled=true",
          "spillover.spillways.compose.function.provider=in-process",
          "spillover.spillways.compose.function.target=social");

  /** A service with a @Spillover method and its twin, deployed in-process as "social". */
  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    ComposeEndpoint composeEndpoint() {
      return new ComposeEndpoint();
    }

    @Bean
    FunctionApp social() {
      return FunctionApp.builder().handle("compose", String.class, String.class, s -> "twin:" + s)
          .build();
    }
  }

  static class ComposeEndpoint {
    @Spillover("compose")
    public String compose(String text) {
      return "local:" + text;
    }
  }

  private void failsWith(Consumer<FailureAnalysis> check, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      FailureAnalysis analysis = new SpilloverStartupFailureAnalyzers.Properties()
          .analyze(failure);
      if (analysis == null) {
        analysis = new SpilloverStartupFailureAnalyzers.Target().analyze(failure);
      }
      assertThat(analysis).as("a Spillover failure analysis of " + failure).isNotNull();
      check.accept(analysis);
    });
  }

  @Test
  void aMisspelledKeyUnderASpillwayFailsStartupAndNamesTheNearestKey() {
    failsWith(a -> {
      assertThat(a.getDescription()).contains("'spillover.spillways.compose.max-concurent-spills'"
          + " is not a Spillover property; did you mean "
          + "'spillover.spillways.compose.max-concurrent-spills'?");
      assertThat(a.getAction()).contains("spillover.startup-check.properties=warn");
    }, "spillover.spillways.compose.max-concurent-spills=20");
  }

  @Test
  void misspelledNestedConfigAndProviderKeysAreFoundToo() {
    failsWith(a -> assertThat(a.getDescription())
            .contains("did you mean 'spillover.spillways.compose.circuit-breaker."
                + "failure-rate-threshold'?")
            .contains("did you mean 'spillover.configs.default.latency-slo'?")
            .contains("did you mean 'spillover.providers.lambda'?")
            .contains("3 problems").doesNotContain("4 problems"),
        "spillover.spillways.compose.circuit-breaker.failure-rate-treshold=20",
        "spillover.configs.default.latency-sol=20ms",
        "spillover.providers.lamda.enabled=true");
  }

  @Test
  void aSpillwayThatNothingCreatedFailsStartupAndNamesTheNearestOne() {
    failsWith(a -> assertThat(a.getDescription()).contains("'spillover.spillways.compse' "
        + "configures a spillway that nothing created at startup (no @Spillover(\"compse\") "
        + "method, no Spillways.spillway(\"compse\", ...) call); did you mean "
        + "'spillover.spillways.compose'?"), "spillover.spillways.compse.timeout=1s");
  }

  @Test
  void keysOfOtherToolsUnderTheSamePrefixAreLeftAlone() {
    runner.withPropertyValues("spillover.data.dir=/tmp/data", "spillover.home=x")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void warnLogsTheProblemsAndStarts(CapturedOutput output) {
    runner.withPropertyValues("spillover.startup-check.properties=warn",
        "spillover.spillways.compose.max-concurent-spills=20").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(output).contains("WARN").contains("did you mean "
              + "'spillover.spillways.compose.max-concurrent-spills'?");
        });
  }

  @Test
  void logsEachProviderAndSpillwayOnceAtInfo(CapturedOutput output) {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(output.getOut() + output.getErr())
          .containsOnlyOnce("Spillover provider 'in-process': InProcessProvider[in-process, "
              + "deployed [social]]")
          .containsOnlyOnce("Spillover spillway 'compose': spills to in-process:social, local "
              + "limit 20, timeout 10000 ms, max-wait 2000 ms, max-concurrent-spills 100");
    });
  }

  @Test
  void aTargetWithoutTheServiceFailsStartupWhenTargetChecksFail() {
    failsWith(a -> {
      assertThat(a.getDescription()).contains("spillway 'compose' spills to "
          + "in-process:socail", "NOT_DEPLOYED", "[social]");
      assertThat(a.getAction()).contains("spillover.spillways.compose.function",
          "spillover.startup-check.targets=warn");
    }, "spillover.startup-check.targets=fail",
        "spillover.spillways.compose.function.target=socail");
  }

  @Test
  void byDefaultATargetProblemIsOneWarnLineAndTheApplicationStarts(CapturedOutput output) {
    runner.withPropertyValues("spillover.spillways.compose.function.target=socail")
        .run(context -> {
          assertThat(context).hasNotFailed();
          org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(output)
              .containsOnlyOnce("spillway 'compose' cannot spill to in-process:socail: "
                  + "NOT_DEPLOYED"));
        });
  }

  @Test
  void theTargetCheckResultIsTyped() {
    runner.withPropertyValues("spillover.startup-check.targets=fail",
        "spillover.spillways.compose.function.target=socail").run(context -> {
          Throwable t = context.getStartupFailure();
          while (t != null && !(t instanceof TargetCheckException)) {
            t = t.getCause();
          }
          assertThat(t).isInstanceOfSatisfying(TargetCheckException.class,
              e -> assertThat(e.check().status()).isEqualTo(Status.NOT_DEPLOYED));
        });
  }
}
