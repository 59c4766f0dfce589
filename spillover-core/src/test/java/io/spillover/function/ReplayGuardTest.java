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
  void aRequestIdIsFirstSeenOncePerServiceAndCallerUntilItsKeepUntilTime() {
    ReplayGuard guard = ReplayGuard.inMemory(10, clock);
    long until = clock.epochMillis() + 1_000;
    assertThat(guard.firstSeen("a", "c", "id", until)).isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("a", "c", "id", until)).isEqualTo(Verdict.SEEN);
    assertThat(guard.firstSeen("b", "c", "id", until)).as("another service")
        .isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("a", "d", "id", until)).as("another caller")
        .isEqualTo(Verdict.FIRST);
    // the caller is length-prefixed: ("c", "1id") and ("c1", "id") are different calls
    assertThat(guard.firstSeen("a", "c1", "d", until)).isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("a", "c", "1d", until)).isEqualTo(Verdict.FIRST);
    clock.advance(Duration.ofMillis(1_001));
    assertThat(guard.firstSeen("a", "c", "id", clock.epochMillis() + 1_000))
        .isEqualTo(Verdict.FIRST);
  }

  @Test
  void aFullGuardFailsClosedUntilEntriesExpire() {
    ReplayGuard guard = ReplayGuard.inMemory(2, clock);
    long until = clock.epochMillis() + 30_000;
    assertThat(guard.firstSeen("s", "c", "a", until)).isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("s", "c", "b", until)).isEqualTo(Verdict.FIRST);
    assertThat(guard.firstSeen("s", "c", "c", until)).isEqualTo(Verdict.UNAVAILABLE);
    assertThat(guard.firstSeen("s", "c", "a", until)).as("still remembered")
        .isEqualTo(Verdict.SEEN);
    clock.advance(Duration.ofSeconds(31));
    assertThat(guard.firstSeen("s", "c", "c", clock.epochMillis() + 30_000))
        .isEqualTo(Verdict.FIRST);
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> ReplayGuard.inMemory(0, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
