package io.spillover.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 60-second soak of verify: the invariants, not the speed. */
class SoakTest {
  @Test
  void aMinuteAtTwiceTheLocalCapacityWithFaultsLosesNothingAndLeaksNothing(@TempDir Path work)
      throws Exception {
    SoakReport report = new SoakRun(Duration.ofSeconds(60), work).run();
    System.out.print(report.toJson());
    assertThat(report.calls()).isGreaterThan(1000);
    assertThat(report.lost()).isZero();
    assertThat(report.duplicatesExecuted()).isZero();
    assertThat(report.threadsEnd()).isLessThanOrEqualTo(report.threadsStart());
    assertThat(report.processesEnd()).isEqualTo(report.processesStart());
    assertThat(report.violations()).isEmpty();
  }

  @Test
  void fivePercentOfCallsCarryAFault() {
    long faulty = java.util.stream.LongStream.rangeClosed(1, 10_000)
        .filter(id -> SoakRun.fault(id) != FaultyTwin.Fault.NONE).count();
    assertThat(faulty).isEqualTo(500);
  }
}
