package io.spillover.local.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpenLoopDriverTest {
  private static final long MS = 1_000_000;

  /** A rejection as a spillway would report it: wrapped by the future's stage. */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void sendsOnScheduleWhateverTheRepliesDoAndCountsEachOutcome() throws InterruptedException {
    AtomicLong now = new AtomicLong(1_000 * MS);
    OpenLoopDriver driver = new OpenLoopDriver(e -> e instanceof Rejected, now::get,
        now::addAndGet);
    List<Long> sentAt = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();
    List<long[]> done = new ArrayList<>();
    driver.listener(new OpenLoopDriver.Listener() {
      @Override
      public void arrival(long offsetNanos) {
        arrivals.add(offsetNanos);
      }

      @Override
      public void done(long offsetNanos, long latencyMicros) {
        done.add(new long[] {offsetNanos, latencyMicros});
      }
    });
    CompletableFuture<Object> slow = new CompletableFuture<>();
    long start = now.get();
    driver.run(start, new long[] {0, 10 * MS, 20 * MS, 30 * MS}, i -> {
      sentAt.add(now.get() - start);
      if (i == 3) {
        now.addAndGet(5 * MS); // the slow reply arrives 25 ms after it was due
        slow.complete("late");
      }
      CompletionStage<?> reply = switch ((int) i) {
        case 0 -> CompletableFuture.completedFuture("ok");
        case 1 -> slow; // still open when the next one is due: it is sent anyway
        case 2 -> CompletableFuture.failedFuture(new CompletionException(new Rejected()));
        default -> throw new IllegalStateException("refused at once");
      };
      return reply;
    }, Duration.ofMillis(1));

    assertThat(sentAt).containsExactly(0L, 10 * MS, 20 * MS, 30 * MS);
    assertThat(arrivals).containsExactly(0L, 10 * MS, 20 * MS, 30 * MS);
    assertThat(driver.sent()).isEqualTo(4);
    assertThat(driver.ok()).isEqualTo(2);
    assertThat(driver.rejected()).isEqualTo(1);
    assertThat(driver.errors()).isEqualTo(1);
    assertThat(driver.lost()).isZero();
    long slowLatency = done.stream().filter(d -> d[0] == 10 * MS).findFirst().orElseThrow()[1];
    assertThat(slowLatency).as("measured from the due time, not the send").isEqualTo(25_000);
  }

  @Test
  void aRequestWithNoAnswerByTheEndOfTheDrainIsLost() throws InterruptedException {
    AtomicLong now = new AtomicLong();
    OpenLoopDriver driver = new OpenLoopDriver(e -> false, now::get, now::addAndGet);
    driver.run(new long[] {0, MS}, i -> i == 0 ? CompletableFuture.completedFuture(1)
        : new CompletableFuture<>(), Duration.ofMillis(20));
    assertThat(driver.sent()).isEqualTo(2);
    assertThat(driver.finished()).isEqualTo(1);
    assertThat(driver.lost()).isEqualTo(1);
  }

  @Test
  void blockingCallsRunOnTheirOwnThreadsAndFailuresAreClassifiedThroughTheirCauses()
      throws InterruptedException {
    OpenLoopDriver driver = new OpenLoopDriver(e -> e instanceof Rejected);
    driver.runBlocking(System.nanoTime(), new long[] {0, 0, 0}, i -> {
      if (i == 1) {
        throw new Exception("wrapped", new Rejected());
      }
      if (i == 2) {
        throw new java.io.IOException("broken");
      }
    }, Duration.ofSeconds(30));
    assertThat(driver.ok()).isEqualTo(1);
    assertThat(driver.rejected()).isEqualTo(1);
    assertThat(driver.errors()).isEqualTo(1);
    assertThat(driver.lost()).isZero();
  }

  @Test
  void aScheduleOfPhasesHasOneArrivalPerGapOfEachPhasesRate() {
    long[] offsets = OpenLoopDriver.schedule(new double[][] {{2, 1}, {4, 0.5}});
    assertThat(offsets).containsExactly(0, 500 * MS, 1000 * MS, 1250 * MS);
  }
}
