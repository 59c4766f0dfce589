package io.spillover.samples.social.lab;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** When and how the fleet mode's failover run loses a VM: killed outright at the spike's peak. */
final class FleetKill {
  private FleetKill() {}

  /** The start of the busiest second of the schedule (the spike's peak), but not the first. */
  static double second(Arrivals a) {
    int[] perSecond = new int[a.secondsCeil() + 1];
    for (long o : a.offsetsNanos) {
      perSecond[(int) (o / 1_000_000_000L)]++;
    }
    int peak = 1;
    for (int s = 1; s < Math.max(2, a.secondsCeil() - 1); s++) {
      if (perSecond[s] > perSecond[peak]) {
        peak = s;
      }
    }
    return peak;
  }

  /** Kills VM {@code index} {@code atSeconds} after {@code start} (a nanoTime), on a thread. */
  static Thread at(FleetVms vms, int index, long start, double atSeconds, PrintStream p) {
    Thread t = new Thread(() -> {
      long wait = start + (long) (atSeconds * 1e9) - System.nanoTime();
      try {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, wait));
      } catch (InterruptedException e) {
        return;
      }
      vms.kill(index);
      p.printf("    killed %s at %.0f s (destroyForcibly)%n", vms.all().get(index).id, atSeconds);
    }, "fleet-killer");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
