package io.spillover.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTransportException;
import io.spillover.testing.ManualClock;
import io.spillover.testing.RecordingLogger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class SpillFailureLogTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingLogger logger = new RecordingLogger();
  private final SpillFailureLog log = new SpillFailureLog(clock, logger);

  @Test
  void theFirstFailureOfEachKindIsOneWarnLineThenAtMostOneAMinute() {
    FunctionTransportException refused =
        new FunctionTransportException("connection refused to lambda:twin", false, null);
    log.onSpillFailed("compose", refused, true);
    log.onSpillFailed("compose", refused, false);
    log.onSpillFailed("compose", refused, true);
    assertThat(logger.at(Level.WARN)).singleElement().satisfies(line -> assertThat(line)
        .contains("spillway 'compose'", "FunctionTransportException",
            "connection refused to lambda:twin", "the call ran locally", "once a minute"));

    log.onSpillFailed("compose", new FunctionThrottledException("429"), true);
    log.onSpillFailed("other", refused, true);
    assertThat(logger.at(Level.WARN)).hasSize(3);
    assertThat(logger.at(Level.WARN).get(1)).contains("FunctionThrottledException");
    assertThat(logger.at(Level.WARN).get(2)).contains("spillway 'other'");

    clock.advance(Duration.ofSeconds(59));
    log.onSpillFailed("compose", refused, true);
    assertThat(logger.at(Level.WARN)).hasSize(3);
    clock.advance(Duration.ofSeconds(2));
    log.onSpillFailed("compose", refused, false);
    assertThat(logger.at(Level.WARN)).hasSize(4);
    assertThat(logger.at(Level.WARN).get(3))
        .contains("4 such failures since the last report", "the call failed");
  }

  @Test
  void functionErrorTypesAreKindsOnlyWhenKnownSoARemoteCannotGrowTheMap() {
    assertThat(SpillFailureLog.kind(new FunctionErrorException("UNKNOWN_SERVICE", "x")))
        .isEqualTo("FunctionErrorException[UNKNOWN_SERVICE]");
    assertThat(SpillFailureLog.kind(new FunctionErrorException("made-up-" + Math.random(), "x")))
        .isEqualTo("FunctionErrorException");
  }
}
