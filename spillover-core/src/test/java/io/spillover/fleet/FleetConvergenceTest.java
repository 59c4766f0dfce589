package io.spillover.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.Route;
import io.spillover.Outcome;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import io.spillover.testing.CappedPlatform;
import io.spillover.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Four VMs, each with its own registry and no link between them, spill to one function capped
 * at 8 concurrent invocations; each one's excess would keep 6 busy (Poisson arrivals). The
 * adaptive spill concurrency alone must bring them to share the cap: few throttles, the breaker
 * closed, the cap well used. And VMs with several spillways to the one function (the spike
 * lab's VMs have four): with the registry's {@code functionConcurrency}, the VM learns its share
 * as one sender.
 */
class FleetConvergenceTest {
  private static final int VMS = 4;
  private static final int CAP = 8;
  private static final int DEMAND_PER_VM = 6;
  private static final Duration SERVICE = Duration.ofMillis(20);
  private static final int SECONDS = 60;
  private static final int WARM_UP_SECONDS = 20;

  @Test
  void independentVmsConvergeOnTheCapWithFewThrottlesAndTheBreakerClosed() {
    Run run = run(true);
    System.out.printf("adaptive: throttled %.2f%% of spills, cap used %.1f%%, served per VM %s%n",
        100 * run.throttledShare(), 100 * run.capUsed(), Arrays.toString(run.servedPerVm));
    assertThat(run.throttledShare()).isLessThan(0.01);
    assertThat(run.capUsed()).isGreaterThanOrEqualTo(0.80);
    assertThat(run.breakers).containsOnly("CLOSED");
    for (long served : run.servedPerVm) {
      assertThat(served).as("each VM gets a fair share").isGreaterThan(run.served * 7 / 10 / VMS);
    }
  }

  @Test
  void vmsWithFourSpillwaysEachShareTheCapAsOneSenderPerVmWithFunctionConcurrency() {
    Run shared = run(true, 3, 4, 6, 8);
    Run apart = run(true, 3, 4, 6, 0);
    System.out.printf("4 spillways per VM, shared function limit: throttled %.2f%%, cap used"
        + " %.1f%%; without: throttled %.2f%%, cap used %.1f%%%n", 100 * shared.throttledShare(),
        100 * shared.capUsed(), 100 * apart.throttledShare(), 100 * apart.capUsed());
    assertThat(shared.throttledShare()).isLessThan(0.01);
    assertThat(shared.capUsed()).isGreaterThanOrEqualTo(0.80);
    assertThat(shared.breakers).containsOnly("CLOSED");
    assertThat(apart.throttledShare()).as("12 senders learning apart")
        .isGreaterThan(shared.throttledShare());
  }

  @Test
  void aFixedSpillBudgetKeepsHittingTheCap() {
    Run run = run(false);
    System.out.printf("fixed: throttled %.2f%% of spills, cap used %.1f%%%n",
        100 * run.throttledShare(), 100 * run.capUsed());
    assertThat(run.throttledShare()).isGreaterThan(0.5);
    assertThat(run.breakers).containsOnly("CLOSED");
  }

  private static Run run(boolean adaptive) {
    return run(adaptive, VMS, 1, CAP, 0);
  }

  /**
   * {@code vmCount} VMs of {@code services} spillways each (the VM's excess split evenly among
   * them) against a function capped at {@code cap}; {@code functionConcurrency} > 0 sets the
   * registry's cap for the function, whose limit all its spillways then learn together.
   */
  private static Run run(boolean adaptive, int vmCount, int services, int cap,
      int functionConcurrency) {
    ManualClock clock = new ManualClock();
    FunctionApp.Builder twin = FunctionApp.builder();
    for (int s = 0; s < services; s++) {
      twin.handle("svc" + s, String.class, String.class, x -> x);
    }
    CappedPlatform platform = new CappedPlatform(clock, twin.build(), cap, SERVICE);
    FunctionRef fn = FunctionRef.of("capped", "fn");
    List<SpilloverRegistry> registries = new ArrayList<>();
    List<List<Spillway<String, String>>> vms = new ArrayList<>();
    try {
      for (int i = 0; i < vmCount; i++) {
        SpilloverRegistry.Builder b = SpilloverRegistry.builder().provider(platform).clock(clock)
            .tickInterval(Duration.ZERO);
        if (functionConcurrency > 0) {
          b.functionConcurrency(fn, functionConcurrency);
        }
        SpilloverRegistry r = b.build();
        registries.add(r);
        List<Spillway<String, String>> vm = new ArrayList<>();
        for (int s = 0; s < services; s++) {
          Spillway<String, String> sw = r.spillway("svc" + s, SpillwayConfig.custom()
              .limit(Limits.fixed(1)).function(fn)
              .maxWait(Duration.ZERO).maxConcurrentSpills(100).retry(1, Duration.ofMillis(1))
              .adaptiveSpillConcurrency(adaptive).build(), String.class, String.class);
          sw.callAsync("held", x -> new CompletableFuture<>()); // full: all else spills
          vm.add(sw);
        }
        vms.add(vm);
      }
      Random random = new Random(16);
      List<Integer> order = new ArrayList<>();
      for (int v = 0; v < vmCount; v++) {
        order.add(v);
      }
      long busy = 0;
      long ticks = 0;
      long[] throttledAtWarmUp = new long[vmCount];
      long[] servedAtWarmUp = new long[vmCount];
      for (int ms = 1; ms <= SECONDS * 1000; ms++) {
        clock.advance(Duration.ofMillis(1));
        platform.advance();
        // open loop: each VM's excess arrives as a Poisson stream, in no fixed order
        Collections.shuffle(order, random);
        for (int v : order) {
          for (int n = arrivals(random); n > 0; n--) {
            vms.get(v).get(random.nextInt(services)).callAsync("x",
                x -> new CompletableFuture<>());
          }
        }
        if (ms == WARM_UP_SECONDS * 1000) {
          for (int v = 0; v < vmCount; v++) {
            throttledAtWarmUp[v] = throttled(vms.get(v));
            servedAtWarmUp[v] = served(vms.get(v));
          }
        }
        if (ms > WARM_UP_SECONDS * 1000) {
          busy += platform.inflight();
          ticks++;
        }
      }
      Run run = new Run(cap);
      run.servedPerVm = new long[vmCount];
      for (int v = 0; v < vmCount; v++) {
        run.throttled += throttled(vms.get(v)) - throttledAtWarmUp[v];
        run.servedPerVm[v] = served(vms.get(v)) - servedAtWarmUp[v];
        run.served += run.servedPerVm[v];
        vms.get(v).forEach(sw -> run.breakers.add(sw.metrics().breakerState()));
      }
      run.busy = busy;
      run.ticks = ticks;
      return run;
    } finally {
      registries.forEach(SpilloverRegistry::close);
    }
  }

  private static long throttled(List<Spillway<String, String>> vm) {
    return vm.stream().mapToLong(sw -> sw.metrics().throttledSpills()).sum();
  }

  private static long served(List<Spillway<String, String>> vm) {
    return vm.stream().mapToLong(sw -> sw.metrics().calls(Route.FUNCTION, Outcome.SUCCESS))
        .sum();
  }

  /** Arrivals in one millisecond at DEMAND_PER_VM busy invocations' worth of calls (Little). */
  private static int arrivals(Random random) {
    double perMs = (double) DEMAND_PER_VM / SERVICE.toMillis();
    int n = 0;
    double p = Math.exp(-perMs);
    double u = random.nextDouble();
    double cumulative = p;
    while (u > cumulative) {
      n++;
      p *= perMs / n;
      cumulative += p;
    }
    return n;
  }

  private static final class Run {
    final int cap;
    long throttled;
    long served;
    long[] servedPerVm;
    long busy;
    long ticks;
    final List<String> breakers = new ArrayList<>();

    Run(int cap) {
      this.cap = cap;
    }

    double throttledShare() {
      return (double) throttled / (served + throttled);
    }

    double capUsed() {
      return (double) busy / ticks / cap;
    }
  }
}
