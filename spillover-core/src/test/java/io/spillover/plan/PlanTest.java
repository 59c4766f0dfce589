package io.spillover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trace small enough to price by hand: 4 seconds of 1, 2, 3 and 6 requests. A VM serves 1 req/s
 * and costs 1 USD per second (3600 USD/h), so k VMs cost 4k over the trace. A spilled request runs
 * 1 s on 1 GB at 0.75 USD/GB-s, no request fee: 0.75, 1.5, 3, 6 USD at 1x, 2x, 4x, 8x. The excess
 * above k VMs, E(k), is 12, 8, 5, 3, 2, 1, 0 for k = 0..6; cost(k) = 4k + price x E(k).
 */
class PlanTest {
  static final Trace TRACE = Trace.ofCounts(1, 2, 3, 6);
  static final CostModel UNIT = CostModel.builder().vmPricePerHour(3600).vmVcpus(1)
      .vcpuRequestsPerSecond(1).serviceTime(Duration.ofSeconds(1)).functionMemoryMb(1024)
      .gbSecondPrice(0.75).requestPrice(0).build();
  static final double EXACT = 1e-12;

  @Test
  void theCurveIsVmCostPlusTheExcessPricedPerRequest() {
    Plan plan = Plan.compute(TRACE, UNIT, List.of(4.0), List.of(100.0));
    assertThat(plan.curve(4.0)).extracting(CostPoint::vms).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(plan.curve(4.0)).extracting(CostPoint::betaRps)
        .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
    assertThat(plan.curve(4.0)).extracting(CostPoint::spilledRequests)
        .containsExactly(12.0, 8.0, 5.0, 3.0, 2.0, 1.0, 0.0);
    assertThat(plan.curve(4.0)).extracting(CostPoint::totalUsd)
        .containsExactly(36.0, 28.0, 23.0, 21.0, 22.0, 23.0, 24.0);
  }

  @Test
  void theOptimumMovesUpAsFunctionsGetDearer() {
    Plan plan = Plan.compute(TRACE, UNIT);
    // 1x: a VM never pays (it would save 0.75 x at most 4 requests for 4 USD): all on functions
    assertThat(plan.optimum(1.0).vms()).isZero();
    assertThat(plan.optimum(1.0).totalUsd()).isCloseTo(9.0, within(EXACT));
    // 2x: the 2nd VM saves 1.5 x 3 = 4.5 > 4, the 3rd only 1.5 x 2 = 3
    assertThat(plan.optimum(2.0).vms()).isEqualTo(2);
    assertThat(plan.optimum(2.0).vmCostUsd()).isCloseTo(8.0, within(EXACT));
    assertThat(plan.optimum(2.0).functionCostUsd()).isCloseTo(7.5, within(EXACT));
    assertThat(plan.optimum(2.0).gbSeconds()).isCloseTo(10.0, within(EXACT));
    assertThat(plan.optimum(2.0).spillSeconds()).isEqualTo(2);
    assertThat(plan.optimum(4.0).vms()).isEqualTo(3);
    assertThat(plan.optimum(4.0).totalUsd()).isCloseTo(21.0, within(EXACT));
    // 8x: every VM up to the peak pays, so VM+FaaS degenerates to c100
    assertThat(plan.optimum(8.0).vms()).isEqualTo(6);
    assertThat(plan.optimum(8.0).totalUsd()).isCloseTo(24.0, within(EXACT));
  }

  @Test
  void savingsCompareTheOptimumWithVmOnlyProvisioningAtEachLevel() {
    Plan plan = Plan.compute(TRACE, UNIT, Plan.BOXER_FACTORS, List.of(100.0, 75.0, 50.0));
    assertThat(plan.levels()).extracting(Provisioning::label).containsExactly("c100", "c75", "c50");
    assertThat(plan.levels()).extracting(Provisioning::capacityRps).containsExactly(6L, 3L, 2L);
    assertThat(plan.levels()).extracting(Provisioning::costUsd).containsExactly(24.0, 12.0, 8.0);
    assertThat(plan.levels()).extracting(Provisioning::droppedRequests)
        .containsExactly(0.0, 3.0, 5.0);
    assertThat(plan.levels().get(2).droppedShare()).isCloseTo(5.0 / 12, within(EXACT));
    double[] expected = {
        62.5, 100 * 8.5 / 24, 12.5, 0,        // c100: 24 USD
        25, -100 * 3.5 / 12, -75, -100,        // c75: 12 USD
        -12.5, -93.75, -162.5, -200};          // c50: 8 USD
    assertThat(plan.savings()).hasSize(12);
    for (int i = 0; i < expected.length; i++) {
      Saving s = plan.savings().get(i);
      assertThat(s.factor()).isEqualTo(Plan.BOXER_FACTORS.get(i % 4));
      assertThat(s.level()).isEqualTo(plan.levels().get(i / 4));
      assertThat(s.hybrid()).isEqualTo(plan.optimum(s.factor()));
      assertThat(s.savingPercent()).as("saving %d", i).isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void betaMovesInWholeVmSteps() {
    // 2 vCPUs of 1 req/s: a VM serves 2 req/s and still costs 4 USD over the 4 s, so at 2x
    // cost(k) = 4k + 1.5 x E(2k) with E(0), E(2), E(4), E(6) = 12, 5, 2, 0.
    CostModel twoCores = CostModel.builder().vmPricePerHour(3600).vmVcpus(2)
        .vcpuRequestsPerSecond(1).serviceTime(Duration.ofSeconds(1)).functionMemoryMb(1024)
        .gbSecondPrice(0.75).requestPrice(0).build();
    Plan plan = Plan.compute(TRACE, twoCores, List.of(2.0), List.of(75.0));
    assertThat(plan.curve(2.0)).extracting(CostPoint::betaRps).containsExactly(0.0, 2.0, 4.0, 6.0);
    assertThat(plan.curve(2.0)).extracting(CostPoint::totalUsd)
        .containsExactly(18.0, 11.5, 11.0, 12.0);
    assertThat(plan.optimum(2.0).betaRps()).isEqualTo(4.0);
    Provisioning c75 = plan.levels().get(0);
    assertThat(c75.capacityRps()).isEqualTo(3);
    assertThat(c75.vms()).isEqualTo(2);
    assertThat(c75.fleetCapacityRps()).isEqualTo(4.0);
    assertThat(c75.droppedRequests()).isEqualTo(2.0);
    assertThat(plan.savings().get(0).savingPercent()).isCloseTo(-37.5, within(1e-9));
  }

  @Test
  void theRequestFeeIsChargedPerSpilledRequest() {
    CostModel withFee = CostModel.builder().vmPricePerHour(3600).vmVcpus(1)
        .vcpuRequestsPerSecond(1).serviceTime(Duration.ofSeconds(1)).functionMemoryMb(512)
        .gbSecondPrice(1).requestPrice(0.25).build();
    // 0.5 GB x 1 s x 1 USD + 0.25 = 0.75 per request at 1x; 12 requests on functions
    assertThat(withFee.functionCostPerRequest(1)).isEqualTo(0.75);
    assertThat(withFee.functionCostPerRequest(2)).isEqualTo(1.25);
    assertThat(withFee.cost(TRACE, 0, 1).totalUsd()).isEqualTo(9.0);
  }

  @Test
  void onATieTheFewestVmsWin() {
    // 2 s of 2 req/s, VM 1 USD/s, request 1 USD: 0, 1 and 2 VMs all cost 4
    CostModel even = CostModel.builder().vmPricePerHour(3600).vmVcpus(1).vcpuRequestsPerSecond(1)
        .serviceTime(Duration.ofSeconds(1)).functionMemoryMb(1024).gbSecondPrice(1)
        .requestPrice(0).build();
    Plan plan = Plan.compute(Trace.ofCounts(2, 2), even, List.of(1.0), List.of(100.0));
    assertThat(plan.curve(1.0)).extracting(CostPoint::totalUsd).containsExactly(4.0, 4.0, 4.0);
    assertThat(plan.optimum(1.0).vms()).isZero();
  }

  @Test
  void anEmptyVmOnlyFleetHasNoSaving() {
    Plan plan = Plan.compute(Trace.ofCounts(0, 0, 0, 5), UNIT, List.of(1.0), List.of(50.0));
    assertThat(plan.levels().get(0).vms()).isZero();
    assertThat(plan.savings().get(0).savingPercent()).isNaN();
  }

  @Test
  void badPlanInputsAreRefused() {
    assertThatThrownBy(() -> Plan.compute(TRACE, UNIT, List.of(), List.of(100.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors");
    assertThatThrownBy(() -> Plan.compute(TRACE, UNIT, List.of(1.0, 1.0), List.of(100.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
    assertThatThrownBy(() -> Plan.compute(TRACE, UNIT, List.of(0.0), List.of(100.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
    assertThatThrownBy(() -> Plan.compute(TRACE, UNIT, List.of(1.0), List.of(101.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentile");
    assertThatThrownBy(() -> Plan.compute(TRACE, UNIT).curve(3.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not part");
    CostModel tiny = CostModel.builder().vcpuRequestsPerSecond(1e-6).vmVcpus(1).build();
    assertThatThrownBy(() -> Plan.compute(TRACE, tiny))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units");
  }
}
