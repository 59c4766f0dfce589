package io.spillover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.spillover.Pricing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CostModelTest {
  @Test
  void defaultsAreAnM5LargeAndAOneVcpuLambdaAtListPrices() {
    CostModel m = CostModel.builder().build();
    assertThat(m.vmPricePerHour()).isEqualTo(0.096);
    assertThat(m.vmVcpus()).isEqualTo(2);
    assertThat(m.serviceTime()).isEqualTo(Duration.ofMillis(10));
    assertThat(m.vcpuRequestsPerSecond()).isEqualTo(100.0);
    assertThat(m.vmCapacity()).isEqualTo(200.0);
    assertThat(m.functionMemoryMb()).isEqualTo(1769);
    assertThat(m.gbSecondPrice()).isEqualTo(0.0000166667);
    assertThat(m.requestPrice()).isEqualTo(0.20 / 1_000_000);
    assertThat(m.vmCost(1, 3600)).isCloseTo(0.096, within(1e-15));
    // 0.01 s x 1769/1024 GB x 0.0000166667 + 0.0000002
    assertThat(m.functionCostPerRequest(1))
        .isCloseTo(0.01 * 1769 / 1024.0 * 0.0000166667 + 0.0000002, within(1e-18));
    // the same formula the call path bills a spilled call with
    assertThat(m.functionCostPerRequest(1))
        .isCloseTo(Pricing.awsLambda(1769).priceOf(10), within(1e-18));
    assertThat(m.gbSecondsPerRequest(8)).isCloseTo(8 * m.gbSecondsPerRequest(1), within(1e-15));
  }

  @Test
  void throughputPerVcpuFollowsTheServiceTimeUnlessSet() {
    assertThat(CostModel.builder().serviceTime(Duration.ofMillis(250)).build()
        .vcpuRequestsPerSecond()).isEqualTo(4.0);
    CostModel set = CostModel.builder().serviceTime(Duration.ofMillis(250))
        .vcpuRequestsPerSecond(40).build();
    assertThat(set.vmCapacity()).isEqualTo(80.0);
    assertThat(set.gbSecondsPerRequest(1)).isCloseTo(0.25 * 1769 / 1024.0, within(1e-15));
  }

  @Test
  void functionsAreBilledInWholeMilliseconds() {
    CostModel m = CostModel.builder().serviceTime(Duration.ofNanos(2_300_000))
        .functionMemoryMb(1024).build();
    assertThat(m.gbSecondsPerRequest(1)).isCloseTo(0.003, within(1e-15));
  }

  @Test
  void vmsAreWholeAndRoundedUp() {
    CostModel m = CostModel.builder().vmVcpus(1).vcpuRequestsPerSecond(100.0 / 3).build();
    assertThat(m.vmsFor(0)).isZero();
    assertThat(m.vmsFor(100)).isEqualTo(3);
    assertThat(m.vmsFor(100.5)).isEqualTo(4);
  }

  @Test
  void badValuesAreRefusedAtOnce() {
    assertThatThrownBy(() -> CostModel.builder().vmPricePerHour(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vmPricePerHour");
    assertThatThrownBy(() -> CostModel.builder().vmVcpus(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostModel.builder().vcpuRequestsPerSecond(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostModel.builder().serviceTime(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostModel.builder().serviceTime(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CostModel.builder().functionMemoryMb(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostModel.builder().gbSecondPrice(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostModel.builder().requestPrice(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostModel.builder().build().cost(Trace.ofCounts(1), -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
