package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpillRejectedException.Reason;
import io.spillover.function.FunctionRef;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A function's concurrency cap is shared by every spillway of the registry that spills to it. */
class FunctionConcurrencyTest {
  private static final FunctionRef TWIN = FunctionRef.of("scripted", "twin");
  private final SpillwayFixture f =
      new SpillwayFixture(SpilloverRegistry.builder().functionConcurrency(TWIN, 1));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aSecondSpillwayFindsTheSharedCapFullUntilTheFirstSpillEnds() throws Exception {
    Spillway<Echo, Echo> first = f.spillway(SpillwayFixture.config().build());
    Spillway<Echo, Echo> second = f.registry.spillway("other", SpillwayFixture.config().build(),
        Echo.class, Echo.class);
    f.fill(first, 1);
    f.fill(second, 1);
    CompletableFuture<byte[]> pending = new CompletableFuture<>();
    f.provider.then(inv -> pending);
    f.blocker.submit(() -> first.call(Echo.of("p"), e -> e));
    Awaitility.await().until(() -> first.metrics().inflightSpills() == 1);

    assertThatThrownBy(() -> second.call(Echo.of("q"), e -> e))
        .isInstanceOfSatisfying(SpillRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SPILL_CONCURRENCY_FULL);
          assertThat(e.getMessage()).contains("functionConcurrency");
        });
    assertThat(second.metrics().inflightSpills()).isZero();

    pending.complete(f.app.dispatch(f.provider.invocations.get(0).payload()));
    Awaitility.await().until(() -> first.metrics().inflightSpills() == 0);
    assertThat(first.call(Echo.of("again"), e -> e).text).isEqualTo("fn:again");
  }

  @Test
  void aCapBelowOneIsRefused() {
    assertThatThrownBy(() -> SpilloverRegistry.builder().functionConcurrency(TWIN, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("functionConcurrency");
  }
}
