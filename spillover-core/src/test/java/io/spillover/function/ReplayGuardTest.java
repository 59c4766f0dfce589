package io.spillover.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.function.ReplayGuard.Verdict;
import io.spillover.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void aRequestIdIsFirstSeenOncePerServiceUntilItsKeepUntilTime() {
    ReplayGuard guard = ReplayGuard.inMemory(10, clock);
    long until = clock.epochMillis() + 1_000;
    assertThat(guard.firstSeen("a", "id", until)).isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("a", "id", until)).isEqualTo(Verdict.SEEN);
    assertThat(guard.firstSeen("b", "id", until)).as("another service").isEqualTo(Verdict.FIRST);
    clock.advance(Duration.ofMillis(1_001));
    assertThat(guard.firstSeen("a", "id", clock.epochMillis() + 1_000)).isEqualTo(Verdict.FIRST);
  }

  @Test
  void aFullGuardFailsClosedUntilEntriesExpire() {
    ReplayGuard guard = ReplayGuard.inMemory(2, clock);
    long until = clock.epochMillis() + 30_000;
    assertThat(guard.firstSeen("s", "a", until)).isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("s", "b", until)).isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("s", "c", until)).isEqualTo(Verdict.UNAVAILABLE);
    assertThat(guard.firstSeen("s", "a", until)).as("still remembered").isEqualTo(Verdict.SEEN);
    clock.advance(Duration.ofSeconds(31));
    assertThat(guard.firstSeen("s", "c", clock.epochMillis() + 30_000)).isEqualTo(Verdict.FIRST);
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> ReplayGuard.inMemory(0, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
