package io.spillover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {
  @Test
  void functionSpecsValidateEagerly() {
    assertThatThrownBy(() -> FunctionSpec.lambda("bad name", "a.B"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid function");
    assertThatThrownBy(() -> FunctionSpec.lambda("f", "a.B").concurrency(2))
        .hasMessageContaining("one request at a time");
    assertThatThrownBy(() -> FunctionSpec.lambda("f", "a.B").memoryMb(64))
        .hasMessageContaining("[128, 10240]");
    assertThatThrownBy(() -> FunctionSpec.lambda("f", "a.B::other"))
        .hasMessageContaining("handleRequest");
    assertThatThrownBy(() -> FunctionSpec.lambda("pkg/f", "a.B"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FunctionSpec.lambda("f", null)).isInstanceOf(NullPointerException.class);
    FunctionSpec ow = FunctionSpec.openWhisk("pkg/action", "a.B#main").concurrency(8)
        .timeout(Duration.ofSeconds(5)).build();
    assertThat(ow.handler()).isEqualTo("a.B");
    assertThat(ow.concurrency()).isEqualTo(8);
    assertThat(FunctionSpec.lambda("f", "a.B::handleRequest").build().memoryMb()).isEqualTo(256);
  }

  @Test
  void platformBuilderValidatesEagerly() {
    assertThatThrownBy(() -> LocalPlatform.builder().maxConcurrency(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalPlatform.builder().idleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalPlatform.builder().port(70_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalPlatform.builder().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> LocalPlatform.builder().connectionIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectionIdleTimeout");
    assertThatThrownBy(() -> LocalPlatform.builder().build())
        .isInstanceOf(IllegalStateException.class);
    FunctionSpec f = FunctionSpec.lambda("f", "a.B").build();
    assertThatThrownBy(() -> LocalPlatform.builder().functions(f, f).build())
        .hasMessageContaining("unique");
    assertThatThrownBy(() -> LocalPlatform.builder().functions(f).build().stats())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
  }
}
