package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CallOptions.Builder#alwaysLocal()}: the call runs locally past the limit (never waits,
 * spills or is rejected), yet counts as in flight and its overload signals feed the limit.
 */
class AlwaysLocalCallTest {
  private static final CallOptions ALWAYS_LOCAL = CallOptions.builder().alwaysLocal().build();
  private final SpilloverRegistry registry = SpilloverRegistry.builder()
      .tickInterval(Duration.ZERO).build();

  @AfterEach
  void close() {
    registry.close();
  }

  private Spillway<String, String> spillway(String name, SpillwayConfig.Builder config) {
    return registry.spillway(name, config.maxWait(Duration.ofMillis(1)).build(),
        String.class, String.class);
  }

  static final class Overloaded extends RuntimeException implements OverloadSignal {}

  @Test
  void runsPastTheLimitWithoutAFunctionAndIsCountedInFlight() {
    Spillway<String, String> sw = spillway("one", SpillwayConfig.custom().limit(Limits.fixed(1)));
    String r = sw.call("a", q -> sw.call("b", ALWAYS_LOCAL, inner -> {
      assertThat(sw.metrics().inflightLocal()).isEqualTo(2);
      return inner + "-ran";
    }));
    assertThat(r).isEqualTo("b-ran");
    assertThat(sw.metrics().inflightLocal()).isZero();
  }

  @Test
  void whileItRunsAnAdmittedCallFindsTheLimitTaken() {
    Spillway<String, String> sw = spillway("taken", SpillwayConfig.custom().limit(Limits.fixed(1)));
    sw.call("a", ALWAYS_LOCAL, q -> {
      assertThatThrownBy(() -> sw.call("b", x -> x))
          .isInstanceOfSatisfying(SpillRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(SpillRejectedException.Reason.NO_FUNCTION));
      return q;
    });
  }

  @Test
  void itsOverloadSignalLowersTheLimit() {
    Spillway<String, String> sw = spillway("aimd",
        SpillwayConfig.custom().limit(Limits.aimd().initial(10).min(1).max(10).build()));
    assertThatThrownBy(() -> sw.call("a", ALWAYS_LOCAL, q -> {
      throw new Overloaded();
    })).isInstanceOf(Overloaded.class);
    assertThat(sw.metrics().limit()).isLessThan(10);
  }

  @Test
  void theAsyncFormReleasesWhenTheStageCompletes() {
    Spillway<String, String> sw = spillway("async", SpillwayConfig.custom().limit(Limits.fixed(1)));
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> r = sw.callAsync("a", ALWAYS_LOCAL, q -> pending)
        .toCompletableFuture();
    CompletableFuture<String> second = sw.callAsync("b", ALWAYS_LOCAL,
        q -> CompletableFuture.completedFuture(q)).toCompletableFuture();
    assertThat(second.join()).isEqualTo("b");
    assertThat(sw.metrics().inflightLocal()).isEqualTo(1);
    pending.complete("a-done");
    assertThat(r.join()).isEqualTo("a-done");
    assertThat(sw.metrics().inflightLocal()).isZero();
  }
}
