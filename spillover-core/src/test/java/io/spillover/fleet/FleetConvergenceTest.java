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
 * at 8 concurrent invocations; each one's excess would keep 6 busy (Poisson arrivals). The adaptive spill concurrency alone must bring
 * them to share the cap: few throttles, the breaker closed, the cap well used.
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
  void aFixedSpillBudgetKeepsHittingTheCap() {
    Run run = run(false);
    System.out.printf("fixed: throttled %.2f%% of spills, cap used %.1f%%%n",
        100 * run.throttledShare(), 100 * run.capUsed());
    assertThat(run.throttledShare()).isGreaterThan(0.5);
    assertThat(run.breakers).containsOnly("CLOSED");
  }

  private static Run run(boolean adaptive) {
    ManualClock clock = new ManualClock();
    FunctionApp app = FunctionApp.builder().handle("svc", String.class, String.class, s -> s)
        .build();
    CappedPlatform platform = new CappedPlatform(clock, app, CAP, SERVICE);
    List<SpilloverRegistry> registries = new ArrayList<>();
    List<Spillway<String, String>> vms = new ArrayList<>();
    try {
      for (int i = 0; i < VMS; i++) {
        SpilloverRegistry r = SpilloverRegistry.builder().provider(platform).clock(clock)
            .tickInterval(Duration.ZERO).build();
        registries.add(r);
        Spillway<String, String> sw = r.spillway("svc", SpillwayConfig.custom()
            .limit(Limits.fixed(1)).function(FunctionRef.of("capped", "fn"))
            .maxWait(Duration.ZERO).maxConcurrentSpills(100).retry(1, Duration.ofMillis(1))
            .adaptiveSpillConcurrency(adaptive).build(), String.class, String.class);
        sw.callAsync("held", s -> new CompletableFuture<>()); // the VM is full: all else spills
        vms.add(sw);
      }
      Random random = new Random(16);
      List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
      long busy = 0;
      long ticks = 0;
      long[] throttledAtWarmUp = new long[VMS];
      long[] servedAtWarmUp = new long[VMS];
      for (int ms = 1; ms <= SECONDS * 1000; ms++) {
        clock.advance(Duration.ofMillis(1));
        platform.advance();
        // open loop: each VM's excess arrives as a Poisson stream, in no fixed order
        Collections.shuffle(order, random);
        for (int vm : order) {
          for (int n = arrivals(random); n > 0; n--) {
            vms.get(vm).callAsync("x", s -> new CompletableFuture<>());
          }
        }
        if (ms == WARM_UP_SECONDS * 1000) {
          for (int v = 0; v < VMS; v++) {
            throttledAtWarmUp[v] = vms.get(v).metrics().throttledSpills();
            servedAtWarmUp[v] = vms.get(v).metrics().calls(Route.FUNCTION, Outcome.SUCCESS);
          }
        }
        if (ms > WARM_UP_SECONDS * 1000) {
          busy += platform.inflight();
          ticks++;
        }
      }
      Run run = new Run();
      run.servedPerVm = new long[VMS];
      for (int v = 0; v < VMS; v++) {
        run.throttled += vms.get(v).metrics().throttledSpills() - throttledAtWarmUp[v];
        run.servedPerVm[v] =
            vms.get(v).metrics().calls(Route.FUNCTION, Outcome.SUCCESS) - servedAtWarmUp[v];
        run.served += run.servedPerVm[v];
        run.breakers.add(vms.get(v).metrics().breakerState());
      }
      run.busy = busy;
      run.ticks = ticks;
      return run;
    } finally {
      registries.forEach(SpilloverRegistry::close);
    }
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
    long throttled;
    long served;
    long[] servedPerVm;
    long busy;
    long ticks;
    final List<String> breakers = new ArrayList<>();

    double throttledShare() {
      return (double) throttled / (served + throttled);
    }

    double capUsed() {
      return (double) busy / ticks / CAP;
    }
  }
}
