package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.function.FunctionRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {
  @Test
  void theConfigBuilderRejectsBadValuesAtOnce() {
    SpillwayConfig.Builder b = SpillwayConfig.custom();
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxWait(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxConcurrentSpills(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxSpillsPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxSpillsPerSecond(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.spillHysteresis(0.9, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.latencySampling(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.spendCapPerHour(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.prewarm(0, 0.5, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.prewarm(1, 1.5, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpillwayConfig.custom().prewarm(1, 0.5, Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a function");
    assertThatThrownBy(() -> FunctionRef.of("lambda", " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromCopiesEverySetting() {
    SpillwayConfig base = SpillwayConfig.custom().function(FunctionRef.of("p", "t"))
        .maxConcurrentSpills(7).classification(Classification.PUBLIC).idempotent(true).build();
    SpillwayConfig copy = SpillwayConfig.from(base).build();
    assertThat(copy.function()).isEqualTo(base.function());
    assertThat(copy.maxConcurrentSpills()).isEqualTo(7);
    assertThat(copy.classification()).isEqualTo(Classification.PUBLIC);
    assertThat(copy.idempotent()).isTrue();
    assertThat(copy.overloadAction(Priority.BATCH)).isEqualTo(OverloadAction.WAIT);
  }

  @Test
  void callOptionsValidate() {
    assertThatThrownBy(() -> CallOptions.builder().traceparent("nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CallOptions.defaults().priority()).isEqualTo(Priority.NORMAL);
  }

  @Test
  void theRegistryNamesItsMistakes() {
    try (SpilloverRegistry r = SpilloverRegistry.ofDefaults()) {
      SpillwayConfig needsLambda = SpillwayConfig.custom()
          .function(FunctionRef.of("lambda", "f")).build();
      assertThatThrownBy(() -> r.spillway("svc", needsLambda, Echo.class, Echo.class))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider 'lambda'");
      assertThatThrownBy(() -> r.spillway("bad name", Echo.class, Echo.class))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> r.spillway("svc", "nope", Echo.class, Echo.class))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
      Spillway<Echo, Echo> a = r.spillway("svc", Echo.class, Echo.class);
      assertThat(r.spillway("svc", Echo.class, Echo.class)).isSameAs(a);
      assertThatThrownBy(() -> r.spillway("svc", String.class, Echo.class))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(r.find("svc")).containsSame(a);
      assertThat(r.all()).containsExactly(a);
    }
  }

  @Test
  void pricingBillsWholeGranules() {
    Pricing p = Pricing.of(1.0, 0.5, 1024, 100);
    assertThat(p.priceOf(1)).isEqualTo(0.1 + 0.5);
    assertThat(p.priceOf(101)).isEqualTo(0.2 + 0.5);
    assertThat(p.priceOf(0)).isEqualTo(0.1 + 0.5);
  }
}
