package io.spillover.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole setups on a small scenario: two minutes of the Azure trace around its busiest second,
 * at 2x the lab's load, in the trace's own time.
 */
class SetupRunTest {
  private static final long[] TWO_MINUTES = twoMinutes();

  private static long[] twoMinutes() {
    long[] t = new long[120];
    for (int i = 0; i < t.length; i++) {
      // a steady 8/s with a 10-second spike of 40/s in the middle
      t[i] = i >= 50 && i < 60 ? 40 : 8;
    }
    return t;
  }

  private static RunSpec spec(long seed) {
    return new RunSpec(TWO_MINUTES, 1, 20, 0.1, PlatformSpec.lambdaJava().withPrewarmed(10), 10,
        500, 5000, 0.096, 30, seed);
  }

  private static Map<String, Object> withoutWallTime(SetupResult r) {
    Map<String, Object> m = r.toMap();
    m.remove("wall_seconds");
    return m;
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    Setup s = Setup.fixed("spillover", 2, true);

    SetupResult a = new SetupRun(spec(7), s).run();
    SetupResult b = new SetupRun(spec(7), s).run();
    SetupResult other = new SetupRun(spec(8), s).run();

    assertThat(a.spilled()).isPositive();
    assertThat(withoutWallTime(b)).isEqualTo(withoutWallTime(a));
    assertThat(withoutWallTime(other)).isNotEqualTo(withoutWallTime(a));
  }

  @Test
  void theSpikeSpillsWithTheTwinAndQueuesWithout() {
    SetupResult spill = new SetupRun(spec(1), Setup.fixed("spillover", 2, true)).run();
    SetupResult vmOnly = new SetupRun(spec(1), Setup.fixed("vm_only", 2, false)).run();

    assertThat(spill.requests()).isEqualTo(vmOnly.requests());
    assertThat(vmOnly.spilled()).isZero();
    assertThat(spill.spilled()).isPositive();
    assertThat(spill.lost()).isZero();
    // the spike's excess waits for the two VMs' workers without the twin
    assertThat(vmOnly.p99Ms()).isGreaterThan(2 * spill.p99Ms());
    assertThat(spill.functionUsd()).isPositive();
    assertThat(vmOnly.functionUsd()).isZero();
  }

  @Test
  void theAutoscalerOrdersVmsForASustainedLoadAndBillsThemWhileTheyBoot() {
    long[] flat = new long[600];
    java.util.Arrays.fill(flat, 10);
    RunSpec s = new RunSpec(flat, 1, 60, 0, PlatformSpec.lambdaJava(), 10, 500, 5000, 0.096, 30,
        3);
    ServiceGraph graph = new ServiceGraph(0);
    Autoscaler.Spec spec = new Autoscaler.Spec(false, 1, 10, 45, 60, 15, 180, 0.8);

    SetupResult r = new SetupRun(s, new Setup("autoscale", 1, false, spec, 1)).run();

    // 60 requests/s needs ceil(60 / 19.2) = 4 VMs at 80 %; from one VM, the fleet grows
    assertThat(Scenarios.vmsFor(60, graph)).isEqualTo(4);
    assertThat(r.meanVms()).isGreaterThan(2);
    assertThat(r.vmUsd()).isGreaterThan(r.meanVms() * 600 / 3600.0 * 0.096);
  }
}
