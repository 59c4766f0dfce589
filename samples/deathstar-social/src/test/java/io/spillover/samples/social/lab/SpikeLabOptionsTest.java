package io.spillover.samples.social.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the demo replays by default: two spikes of the built-in trace, or the whole trace given. */
class SpikeLabOptionsTest {
  private static final Path TRACE = Path.of("trace.csv");
  private static final Path DATA = Path.of("data");

  private static LabOptions parse(int traceSeconds, String... args) {
    SpikeLab lab = new SpikeLab();
    new CommandLine(lab).parseArgs(args);
    return lab.options(TRACE, DATA, traceSeconds);
  }

  @Test
  void theBuiltInTraceReplaysTwoSpikesIn40Seconds() {
    LabOptions o = parse(3515);
    assertThat(o.windowStart()).isEqualTo(540);
    assertThat(o.windowSeconds()).isEqualTo(600);
    assertThat(o.durationSeconds()).isEqualTo(40);
    assertThat(o.failover()).isTrue();
    assertThat(o.scenario()).isEqualTo(LabOptions.Scenario.SPIKES);
  }

  @Test
  void aUsersTraceIsReplayedWholeWhenNoWindowIsGiven() {
    // a 300-second trace: the built-in window (from second 540) would lie outside it
    LabOptions o = parse(300, "--trace", "mine.csv");
    assertThat(o.windowStart()).isZero();
    assertThat(o.windowSeconds()).isEqualTo(300);
    assertThat(o.durationSeconds()).isEqualTo(20);
  }

  @Test
  void theLongRunIsTheWholeTraceCompressed15Times() {
    LabOptions o = parse(3515, "--long");
    assertThat(o.windowStart()).isZero();
    assertThat(o.windowSeconds()).isEqualTo(3515);
    assertThat(o.durationSeconds()).isCloseTo(3515 / 15.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(o.failover()).isFalse();
    assertThat(o.out()).isEqualTo(Path.of("target/demo-long"));
    assertThat(parse(3515, "--window", "full", "--window-start", "515").windowSeconds())
        .isEqualTo(3000);
  }

  @Test
  void theCapacityScenarioAndBadValuesAreTyped() {
    assertThat(parse(3515, "--scenario", "capacity").scenario())
        .isEqualTo(LabOptions.Scenario.CAPACITY);
    assertThatThrownBy(() -> parse(3515, "--window", "lots"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'full'");
    assertThatThrownBy(() -> parse(3515, "--scenario", "chaos"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
  }

  @Test
  void theFleetModeCapsThePlatformBelowTheFleetsDemand() {
    SpikeLab lab = new SpikeLab();
    new CommandLine(lab).parseArgs("--vm-processes", "3");
    LabOptions o = lab.options(TRACE, DATA, 3515);
    FleetOptions f = lab.fleetOptions();
    assertThat(f.vms()).isEqualTo(3);
    assertThat(f.platformCap()).as("the default cap").isEqualTo(6);
    assertThat(f.vms() * f.spillsPerVm()).as("the fleet's demand").isGreaterThan(f.platformCap());
    assertThat(o.functionConcurrency()).as("the platform's cap").isEqualTo(6);
    assertThat(o.meanRps()).as("what three VMs carry at beta 1.3")
        .isCloseTo(3 * Capacity.RPS_PER_VM / 1.3, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(o.failover()).isFalse();
    assertThat(o.out()).isEqualTo(Path.of("target/demo-fleet"));
    assertThat(f.setups()).extracting(FleetOptions.Run::name)
        .containsExactly("vm_only", "spillover", "spillover_vm_killed");
    assertThat(f.fleetSpendCapUsd()).isNull();
    assertThat(parse(3515).meanRps()).as("the in-process lab keeps its mean").isEqualTo(20);
  }

  @Test
  void badFleetOptionsAreTyped() {
    assertThatThrownBy(() -> parse(3515, "--vm-processes", "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> parse(3515, "--vm-processes", "3", "--platform-cap", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> parse(3515, "--vm-processes", "3", "--fleet-spend-cap-usd", "-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> parse(3515, "--vm-processes", "2", "--scenario", "capacity"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spikes");
  }
}
