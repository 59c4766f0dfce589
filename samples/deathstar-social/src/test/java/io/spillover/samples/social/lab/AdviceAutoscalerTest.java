package io.spillover.samples.social.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.SpilloverClock;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.samples.social.vm.VmCapacity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flare's loop with a manual clock: a real spillway over a {@link VmCapacity} pool (one worker per
 * VM, each worker completing one call a second), its function twin in process, and the lab's
 * {@link Autoscaler}. A spike spills; the spill becomes advice; the autoscaler orders VMs that
 * serve after the boot time; the spill stops when they arrive; the fleet scales in after the spike.
 */
class AdviceAutoscalerTest {
  private static final double BOOT = 45;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final long epochBase = System.currentTimeMillis();
  private final SpilloverClock clock = new SpilloverClock() {
    @Override
    public long nanoTime() {
      return nanos.get();
    }

    @Override
    public long epochMillis() {
      return epochBase + nanos.get() / 1_000_000; // deadlines cross to the twin on this clock
    }
  };
  private final InProcessProvider twin = InProcessProvider.named("twin").deploy("fn",
      FunctionApp.builder()
          .handle("svc-ADVICE", String.class, String.class, s -> "fn:" + s)
          .handle("svc-UTILISATION", String.class, String.class, s -> "fn:" + s).build());
  private final SpilloverRegistry registry = SpilloverRegistry.builder().clock(clock)
      .tickInterval(Duration.ZERO).provider(twin).build();

  @AfterEach
  void close() {
    registry.close();
    twin.close();
  }

  /** Seconds of the run, VMs serving and calls spilled in each. */
  private record Trace(List<Integer> vms, List<Long> spilled) {}

  private Trace run(Autoscaler.Input input) {
    VmCapacity pool = new VmCapacity(4);
    Spillway<String, String> sw = registry.spillway("svc-" + input, SpillwayConfig.custom()
        .limit(pool.limit()).function(FunctionRef.of("twin", "fn")).maxConcurrentSpills(1000)
        .adviceWindow(Duration.ofSeconds(60)).adviceCoolDown(Duration.ofSeconds(120)).build(),
        String.class, String.class);
    Autoscaler scaler = new Autoscaler(new Autoscaler.Settings(input, 1, 40, BOOT, 60, 15, 180,
        0.8), 4, 0);
    Trace trace = new Trace(new ArrayList<>(), new ArrayList<>());
    for (int second = 1; second <= 900; second++) {
      int rate = second > 100 && second <= 400 ? 12 : 3; // a spike of five minutes
      int workers = pool.workers();
      List<CompletableFuture<String>> held = new ArrayList<>();
      for (int i = 0; i < Math.min(rate, workers); i++) { // a worker busy for the whole second
        sw.callAsync("l", s -> {
          CompletableFuture<String> done = new CompletableFuture<>();
          held.add(done);
          return done;
        });
      }
      long spilled = 0;
      for (int i = workers; i < rate; i++) { // the pool is full: these spill
        assertThat(sw.call("s", s -> "local:" + s)).isEqualTo("fn:s");
        spilled++;
      }
      nanos.addAndGet(1_000_000_000L);
      registry.tick();
      double busy = sw.metrics().inflightLocal() / (double) sw.metrics().limit();
      int vms = scaler.step(second, busy, sw.metrics().extraReplicas());
      held.forEach(f -> f.complete("ok"));
      if (vms != workers) {
        pool.resize(vms);
      }
      trace.vms().add(vms);
      trace.spilled().add(spilled);
    }
    return trace;
  }

  @Test
  void theSpillBecomesAdviceTheVmsArriveAfterTheBootAndTheSpillStops() {
    Trace t = run(Autoscaler.Input.ADVICE);
    // before the spike: 3 calls/s on 4 workers, nothing spills, nothing changes
    assertThat(t.spilled().subList(0, 100)).containsOnly(0L);
    assertThat(t.vms().subList(0, 100)).containsOnly(4);
    // the spike spills at once (12 calls/s, 4 workers)
    assertThat(t.spilled().get(100)).isEqualTo(8L);
    // the advice grows as the one-minute window fills; each VM it orders serves a boot later
    int firstGrowth = 0;
    while (t.vms().get(firstGrowth) <= 4) {
      firstGrowth++;
    }
    assertThat(firstGrowth).as("the first VM serves a boot after the spike began")
        .isBetween(100 + (int) BOOT, 100 + (int) BOOT + 15);
    int window = 60;
    assertThat(t.vms().get(100 + window + (int) BOOT + 5))
        .as("a window and a boot after the spike began, the VMs carry it all")
        .isGreaterThanOrEqualTo(12);
    assertThat(t.spilled().subList(100 + window + (int) BOOT + 5, 400))
        .as("and the spill has stopped").containsOnly(0L);
    // after the spike the fleet scales back in, once the scale-in window has passed
    assertThat(t.vms().subList(400, 400 + 170)).allMatch(v -> v >= 12);
    assertThat(t.vms().get(899)).as("what 3 calls/s need at 80 %").isEqualTo(4);
    assertThat(t.spilled().subList(400, 900)).containsOnly(0L);
  }

  @Test
  void utilisationAloneNeedsSeveralBootsWhileTheSpikeSpills() {
    Trace advice = run(Autoscaler.Input.ADVICE);
    Trace utilisation = run(Autoscaler.Input.UTILISATION);
    long spilledWithAdvice = advice.spilled().stream().mapToLong(Long::longValue).sum();
    long spilledWithout = utilisation.spilled().stream().mapToLong(Long::longValue).sum();
    // utilisation cannot exceed 100 %: each boot adds at most a quarter more VMs (target 80 %)
    assertThat(utilisation.vms().get(100 + (int) BOOT + 5)).isLessThanOrEqualTo(5);
    int lastSpill = 0;
    for (int s = 0; s < 400; s++) {
      if (utilisation.spilled().get(s) > 0) {
        lastSpill = s;
      }
    }
    assertThat(lastSpill).as("still spilling after two boots").isGreaterThan(100 + 2 * (int) BOOT);
    assertThat(spilledWithout).isGreaterThan(3 * spilledWithAdvice / 2);
  }
}
