package io.spillover.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpillLimitTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void startsAtTheMaximumSoAnUncappedPlatformNeverPaysForTheLearning() {
    assertThat(new SpillLimit(100).get()).isEqualTo(100);
    assertThatThrownBy(() -> new SpillLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aThrottleLowersTheLimitToThreeQuartersOfWhatWasInFlight() {
    SpillLimit limit = new SpillLimit(100);
    limit.onThrottle(1_000 * MS, 12);
    assertThat(limit.get()).isEqualTo(9);
  }

  @Test
  void aBurstOfThrottlesWithinOneRoundTripCountsOnce() {
    SpillLimit limit = new SpillLimit(100);
    limit.onSuccess(20 * MS, false);
    limit.onThrottle(1_000 * MS, 8);
    limit.onThrottle(1_001 * MS, 8);
    limit.onThrottle(1_010 * MS, 8);
    assertThat(limit.get()).isEqualTo(6);
    limit.onThrottle(1_200 * MS, 6);
    assertThat(limit.get()).isEqualTo(5);
  }

  @Test
  void neverFallsBelowOneNorRisesAboveTheMaximum() {
    SpillLimit limit = new SpillLimit(2);
    for (int i = 0; i < 10; i++) {
      limit.onThrottle(i * 1_000 * MS, 1);
    }
    assertThat(limit.get()).isEqualTo(1);
    for (int i = 0; i < 10_000; i++) {
      limit.onSuccess(MS, true);
    }
    assertThat(limit.get()).isEqualTo(2);
  }

  @Test
  void successesAtTheLimitRaiseItByOneAfterRoundsTimesLimitOfThem() {
    SpillLimit limit = new SpillLimit(100);
    limit.onThrottle(0, 4); // limit 3, rounds 8
    assertThat(limit.get()).isEqualTo(3);
    assertThat(limit.rounds()).isEqualTo(8);
    for (int i = 0; i < 8 * 3 - 1; i++) {
      limit.onSuccess(MS, true);
    }
    assertThat(limit.get()).isEqualTo(3);
    limit.onSuccess(MS, true);
    assertThat(limit.get()).isEqualTo(4);
  }

  @Test
  void successesBelowTheLimitSayNothingAboutTheRoom() {
    SpillLimit limit = new SpillLimit(100);
    limit.onThrottle(0, 4);
    for (int i = 0; i < 10_000; i++) {
      limit.onSuccess(MS, false);
    }
    assertThat(limit.get()).isEqualTo(3);
  }

  @Test
  void probingSlowsDownUnderThrottlingAndSpeedsUpWhenProbesPass() {
    SpillLimit limit = new SpillLimit(1_000);
    long now = 0;
    for (int i = 0; i < 10; i++) {
      now += 1_000 * MS;
      limit.onThrottle(now, 200);
    }
    assertThat(limit.rounds()).isEqualTo(SpillLimit.MAX_ROUNDS);
    int before = limit.get();
    // the first probe after a throttle does not speed probing up: it drew a throttle before it
    for (int i = 0; i < SpillLimit.MAX_ROUNDS * before; i++) {
      limit.onSuccess(MS, true);
    }
    assertThat(limit.get()).isEqualTo(before + 1);
    assertThat(limit.rounds()).isEqualTo(SpillLimit.MAX_ROUNDS);
    // a probe that drew no throttle halves the rounds
    for (int i = 0; i < SpillLimit.MAX_ROUNDS * (before + 1); i++) {
      limit.onSuccess(MS, true);
    }
    assertThat(limit.get()).isEqualTo(before + 2);
    assertThat(limit.rounds()).isEqualTo(SpillLimit.MAX_ROUNDS / 2);
  }

  @Test
  void atALimitOfOneALoneThrottlePausesSpillsForARoundTripDoublingUntilASuccess() {
    SpillLimit limit = new SpillLimit(1);
    limit.onSuccess(20 * MS, false); // smoothed RTT 100 -> 90 ms
    long rtt = 90 * MS;
    limit.onThrottle(0, 1);
    assertThat(limit.paused(rtt - 1)).isTrue();
    assertThat(limit.paused(rtt)).isFalse();
    limit.onThrottle(rtt, 1);
    assertThat(limit.paused(rtt + 2 * rtt - 1)).isTrue();
    assertThat(limit.paused(rtt + 2 * rtt)).isFalse();
    for (int i = 0; i < 10; i++) {
      limit.onThrottle(0, 1);
    }
    assertThat(limit.paused(32 * rtt - 1)).as("at most 32 round trips").isTrue();
    assertThat(limit.paused(32 * rtt)).isFalse();
    limit.onSuccess(rtt, true);
    limit.onThrottle(100 * rtt, 1);
    assertThat(limit.paused(100 * rtt + rtt + 1)).as("a success resets the pause").isFalse();
  }

  @Test
  void aThrottleWithOthersInFlightDoesNotPause() {
    SpillLimit limit = new SpillLimit(8);
    limit.onThrottle(0, 4);
    assertThat(limit.paused(0)).isFalse();
  }
}
