package io.spillover.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static final long MS = 1_000_000;
  private static final Duration SLO = Duration.ofMillis(50);

  @Test
  void aFixedLimitIsConstantAndWantsNoLatency() {
    Limit l = Limits.fixed(7).create(SLO);
    l.onSample(999 * MS, 7, true);
    assertThat(l.current()).isEqualTo(7);
    assertThat(l.usesLatency()).isFalse();
  }

  @Test
  void aSettableLimitIsSharedByEverySpillwayAndChangesOnlyWhenSet() {
    SettableLimit settable = Limits.settable(4);
    Limit a = settable.create(SLO);
    Limit b = settable.create(Duration.ofSeconds(1));
    a.onSample(999 * MS, 4, true);
    assertThat(a.current()).isEqualTo(4);
    assertThat(a.usesLatency()).isFalse();
    settable.set(2);
    assertThat(a.current()).isEqualTo(2);
    assertThat(b.current()).isEqualTo(2);
    assertThatThrownBy(() -> settable.set(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(a.current()).isEqualTo(2);
  }

  @Test
  void aSettableLimitShrunkBelowTheCallsInFlightAdmitsNoneUntilEnoughFinish() {
    SettableLimit settable = Limits.settable(2);
    AdmissionLimiter limiter = new AdmissionLimiter(settable, new ManualClock(), 1, 0);
    long p1 = limiter.tryAcquire();
    long p2 = limiter.tryAcquire();
    assertThat(p1).isNotEqualTo(AdmissionLimiter.NO_PERMIT);
    assertThat(p2).isNotEqualTo(AdmissionLimiter.NO_PERMIT);
    settable.set(1);
    assertThat(limiter.tryAcquire()).isEqualTo(AdmissionLimiter.NO_PERMIT);
    limiter.release(p1, false);
    assertThat(limiter.tryAcquire()).isEqualTo(AdmissionLimiter.NO_PERMIT);
    limiter.release(p2, false);
    assertThat(limiter.tryAcquire()).isNotEqualTo(AdmissionLimiter.NO_PERMIT);
  }

  @Test
  void aimdCutsOnSloViolationsAndGrowsWhenBusyAndFast() {
    Limit l = Limits.aimd().initial(10).backoff(0.5).build().create(SLO);
    for (int i = 0; i < 10; i++) {
      l.onSample(10 * MS, 8, false);
    }
    assertThat(l.current()).isEqualTo(11);
    for (int i = 0; i < 11; i++) {
      l.onSample(80 * MS, 11, false);
    }
    assertThat(l.current()).isEqualTo(5);
  }

  @Test
  void aimdCutsAtMostOncePerLimitsWorthOfSamples() {
    Limit l = Limits.aimd().initial(10).backoff(0.5).build().create(SLO);
    for (int i = 0; i < 10; i++) {
      l.onSample(80 * MS, 10, false);
    }
    assertThat(l.current()).isEqualTo(5); // not 10 * 0.5^10
  }

  @Test
  void aimdDoesNotGrowAnIdleLimit() {
    Limit l = Limits.aimd().initial(10).build().create(SLO);
    for (int i = 0; i < 100; i++) {
      l.onSample(1 * MS, 1, false);
    }
    assertThat(l.current()).isEqualTo(10);
  }

  @Test
  void aimdRespectsItsOwnSloOverTheSpillways() {
    Limit l = Limits.aimd().initial(4).backoff(0.5).slo(Duration.ofMillis(200)).build().create(SLO);
    for (int i = 0; i < 4; i++) {
      l.onSample(100 * MS, 4, false);
    }
    assertThat(l.current()).isEqualTo(5);
  }

  @Test
  void gradientShrinksWhenLatencyRisesAboveItsBaseline() {
    Limit l = Limits.gradient().initial(50).build().create(Duration.ofSeconds(10));
    for (int i = 0; i < 200; i++) {
      l.onSample(10 * MS, 50, false);
    }
    int before = l.current();
    for (int i = 0; i < 200; i++) {
      l.onSample(100 * MS, before, false);
    }
    assertThat(l.current()).isLessThan(before / 2);
  }

  @Test
  void gradientGrowsWhileLatencyHoldsSteadyUnderLoad() {
    Limit l = Limits.gradient().initial(10).max(100).build().create(Duration.ofSeconds(10));
    for (int i = 0; i < 200; i++) {
      l.onSample(10 * MS, l.current(), false);
    }
    assertThat(l.current()).isGreaterThan(20);
  }

  @Test
  void gradientCapsConcurrencyAboveTheSlo() {
    Limit l = Limits.gradient().initial(40).tolerance(2).build().create(SLO);
    for (int i = 0; i < 300; i++) {
      l.onSample(200 * MS, l.current(), false); // always slow: no baseline change, but above SLO
    }
    assertThat(l.current()).isLessThan(40);
  }

  @Test
  void gradientHalvesOnDrops() {
    Limit l = Limits.gradient().initial(40).build().create(SLO);
    l.onSample(-1, 40, true);
    assertThat(l.current()).isEqualTo(20);
  }

  @Test
  void gradientIgnoresUntimedSamples() {
    Limit l = Limits.gradient().initial(40).build().create(SLO);
    l.onSample(-1, 40, false);
    assertThat(l.current()).isEqualTo(40);
  }

  @Test
  void buildersRejectBadValues() {
    assertThatThrownBy(() -> Limits.fixed(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.aimd().backoff(1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.aimd().min(5).max(4).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.gradient().tolerance(0.9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.gradient().windows(10, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.gradient().smoothing(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.aimd().slo(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
