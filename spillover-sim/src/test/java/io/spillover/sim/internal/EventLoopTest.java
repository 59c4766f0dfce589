package io.spillover.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Virtual time: events in time order, ties in scheduling order, the clock at each event's time. */
class EventLoopTest {
  private final EventLoop loop = new EventLoop();
  private final List<String> ran = new ArrayList<>();

  @Test
  void eventsRunInTimeOrderAndTiesInTheOrderTheyWereScheduled() {
    loop.at(300, () -> ran.add("c@" + loop.nanoTime()));
    loop.at(100, () -> ran.add("a@" + loop.nanoTime()));
    loop.at(100, () -> ran.add("b@" + loop.nanoTime()));
    loop.at(100, () -> loop.after(50, () -> ran.add("nested@" + loop.nanoTime())));

    loop.runUntil(1000);

    assertThat(ran).containsExactly("a@100", "b@100", "nested@150", "c@300");
    assertThat(loop.nanoTime()).isEqualTo(1000);
    assertThat(loop.events()).isEqualTo(5);
  }

  @Test
  void eventsAfterTheEndStayQueuedAndTheClockStopsAtTheEnd() {
    loop.at(2_000, () -> ran.add("late"));
    loop.runUntil(1_000);
    assertThat(ran).isEmpty();
    assertThat(loop.pending()).isEqualTo(1);
    assertThat(loop.epochMillis()).isEqualTo(1_767_225_600_000L);
  }

  @Test
  void aScheduledTaskCancelledBeforeItsTimeDoesNotRun() {
    ScheduledFuture<?> f = loop.schedule(() -> ran.add("timer"), 5, TimeUnit.MILLISECONDS);
    loop.schedule(() -> ran.add("other"), 1, TimeUnit.MILLISECONDS);
    assertThat(f.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(5);
    f.cancel(false);

    loop.runUntil(10_000_000);

    assertThat(ran).containsExactly("other");
  }
}
