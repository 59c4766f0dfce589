package io.spillover.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The advice math and its hysteresis, fed by hand: one sample per simulated second (or faster),
 * counters that grow by the rates a test chooses.
 */
class ScaleAdvisorTest {
  private static final long SECOND = 1_000_000_000L;
  private final ScaleAdvisor advisor = new ScaleAdvisor(10 * SECOND, 30 * SECOND);
  private long now = 5 * SECOND;
  private long spilled;
  private long local;
  private final List<Integer> changes = new ArrayList<>();

  /** Runs {@code seconds} at {@code localRate} and {@code spillRate} with {@code busy} permits. */
  private void run(int seconds, long localRate, long spillRate, int busy, int limit) {
    for (int i = 0; i < seconds; i++) {
      now += SECOND;
      local += localRate;
      spilled += spillRate;
      if (advisor.sample(spilled, local, busy, limit, now)) {
        changes.add(advisor.replicas());
      }
    }
  }

  @Test
  void demandIsLittlesLawOverTheWindowAndExtraIsTheSpillInReplicas() {
    // 4 permits busy completing 40 calls/s: a permit does 10/s; 20 spills/s need 2 more permits
    run(12, 40, 20, 4, 4);
    assertThat(advisor.spillRate()).isCloseTo(20, within(1e-9));
    assertThat(advisor.demandReplicas()).isCloseTo(6.0 / 4, within(1e-9));
    assertThat(advisor.extraReplicas()).isCloseTo(0.5, within(1e-9));
    assertThat(advisor.replicas()).isEqualTo(1);
    assertThat(changes).containsExactly(1);
  }

  @Test
  void withoutSpillTheDemandIsTheUtilisationAndThereIsNoAdvice() {
    run(12, 30, 0, 3, 4);
    assertThat(advisor.demandReplicas()).isCloseTo(0.75, within(1e-9));
    assertThat(advisor.extraReplicas()).isZero();
    assertThat(changes).isEmpty();
  }

  @Test
  void adviceRisesAtOnceAndFallsOnlyAfterTheCoolDown() {
    run(12, 40, 0, 4, 4);
    run(1, 40, 80, 4, 4); // one second of spill already shows in the next sample
    assertThat(advisor.extraReplicas()).isPositive();
    run(11, 40, 80, 4, 4);
    assertThat(advisor.replicas()).isEqualTo(2); // 80/s over 10/s per permit = 8 permits = 2 x 4
    run(29, 40, 0, 4, 4); // the spill stops: the window empties after 10 s, the hold stays
    assertThat(advisor.demandReplicas()).isCloseTo(1.0, within(1e-9));
    assertThat(advisor.replicas()).as("held within the cool-down").isEqualTo(2);
    // then it falls as the window's fading demand leaves the cool-down, one step at a time
    run(12, 40, 0, 4, 4);
    assertThat(advisor.replicas()).isZero();
    assertThat(changes).containsExactly(1, 2, 1, 0);
  }

  @Test
  void aSpillThatComesAndGoesDoesNotMakeTheAdviceFlap() {
    run(12, 40, 0, 4, 4);
    for (int cycle = 0; cycle < 8; cycle++) {
      run(5, 40, 40, 4, 4);
      run(5, 40, 0, 4, 4);
    }
    // one rise to the level the bursts need, then steady however often the spill pauses
    assertThat(changes).containsExactly(1);
    assertThat(advisor.replicas()).isEqualTo(1);
  }

  @Test
  void aLargerLimitLowersTheAdviceAtOnceSoNothingIsCountedTwice() {
    run(12, 40, 20, 4, 4);
    assertThat(advisor.extraReplicas()).isCloseTo(0.5, within(1e-9));
    // two more workers arrive: the same demand (6 permits) now fits; the hold keeps demand in
    // permits, so the advice falls although the cool-down has not passed
    run(1, 60, 0, 6, 6);
    assertThat(advisor.extraReplicas()).isZero();
    assertThat(changes).containsExactly(1, 0);
  }

  @Test
  void theWindowDoesNotDependOnTheTickRate() {
    ScaleAdvisor fast = new ScaleAdvisor(10 * SECOND, 0);
    long t = SECOND;
    long s = 0;
    long l = 0;
    for (int i = 0; i < 2000; i++) { // 20 s of 10 ms ticks: far more ticks than samples kept
      t += SECOND / 100;
      l += i % 5 == 0 ? 1 : 0; // 20 local/s
      s += i % 10 == 0 ? 1 : 0; // 10 spills/s
      fast.sample(s, l, 2, 2, t);
    }
    assertThat(fast.spillRate()).isCloseTo(10, within(0.6));
    assertThat(fast.demandReplicas()).isCloseTo(1.5, within(0.06));
  }
}
