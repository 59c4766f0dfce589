package io.spillover.sim.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The DeathStarBench socialNetwork as the spike lab runs it: 11 logic services with their own
 * service times (the lab's ServiceTimes, in microseconds), the calls each makes while its worker
 * waits, and wrk2's mix of 60 % read home timeline, 30 % read user timeline, 10 % compose post.
 * A service's nested calls run one after another after its own time, as the lab's services make
 * them; a spilled call runs its whole subtree on the function twin.
 */
public final class ServiceGraph {
  /** One logic service: its own time and the services it calls, in order. */
  public record Service(String name, int index, long ownMicros, List<Service> calls) {
    /** Own time plus the nested calls' (what a worker or a twin is busy for, unloaded). */
    public long subtreeMicros() {
      long t = ownMicros;
      for (Service s : calls) {
        t += s.subtreeMicros();
      }
      return t;
    }
  }

  public static final double HOME = 0.6;
  public static final double USER = 0.3;
  private final Map<String, Service> byName;
  private final Service[] byIndex;
  private final Service home;
  private final Service user;
  private final Service compose;
  private final double jitter;

  /**
   * @param jitter the coefficient of variation of every service time (0: the lab's fixed pauses;
   *     otherwise log-normal around the lab's time, same mean)
   */
  public ServiceGraph(double jitter) {
    this.jitter = jitter;
    Map<String, Service> m = new LinkedHashMap<>();
    Service postStorage = add(m, "post-storage", 10_000);
    Service socialGraph = add(m, "social-graph", 6_000);
    Service urlShorten = add(m, "url-shorten", 4_000);
    Service userMention = add(m, "user-mention", 4_000);
    Service uniqueId = add(m, "unique-id", 2_000);
    Service media = add(m, "media", 2_000);
    Service userSvc = add(m, "user", 4_000);
    Service text = add(m, "text", 120_000, urlShorten, userMention);
    // compose writes the author's user timeline (own time only) and the followers' home
    // timelines (home-timeline's own time plus social-graph), as the lab's Capacity counts them
    Service userTimelineWrite = new Service("user-timeline", -1, 30_000, List.of());
    Service homeTimelineWrite = new Service("home-timeline", -1, 50_000, List.of(socialGraph));
    this.home = add(m, "home-timeline", 50_000, postStorage);
    this.user = add(m, "user-timeline", 30_000, postStorage);
    this.compose = add(m, "compose-post", 20_000, uniqueId, text, media, userSvc, postStorage,
        userTimelineWrite, homeTimelineWrite);
    this.byName = Collections.unmodifiableMap(m);
    this.byIndex = m.values().toArray(new Service[0]);
  }

  private static Service add(Map<String, Service> m, String name, long micros,
      Service... calls) {
    Service s = new Service(name, m.size(), micros, List.of(calls));
    m.put(name, s);
    return s;
  }

  /** Every service that has a spillway, in index order. */
  public Map<String, Service> services() {
    return byName;
  }

  /** The spillway of a call: writes to the timelines go through the timelines' spillways. */
  public Service spillwayOf(Service s) {
    return s.index() >= 0 ? s : byName.get(s.name());
  }

  public int size() {
    return byIndex.length;
  }

  /** The entry service of mixed request {@code i} (the same in every setup for a seed). */
  public Service entry(SplittableRandom r) {
    double u = r.nextDouble();
    return u < HOME ? home : u < HOME + USER ? user : compose;
  }

  /** One draw of {@code micros}' service time, in nanoseconds. */
  public long sample(long micros, SplittableRandom r) {
    if (jitter <= 0) {
      return micros * 1000;
    }
    // log-normal with mean 1 and the given coefficient of variation
    double s2 = Math.log(1 + jitter * jitter);
    double g = r.nextGaussian();
    return (long) (micros * 1000 * Math.exp(Math.sqrt(s2) * g - s2 / 2));
  }

  /** Busy worker-milliseconds of the busiest service per mixed request (sets what a VM carries). */
  public double busiestDemandMillis() {
    double[] demand = new double[byIndex.length];
    addDemand(home, HOME, demand);
    addDemand(user, USER, demand);
    addDemand(compose, 1 - HOME - USER, demand);
    double max = 0;
    for (double d : demand) {
      max = Math.max(max, d);
    }
    return max;
  }

  private void addDemand(Service s, double weight, double[] demand) {
    Service sw = spillwayOf(s);
    demand[sw.index()] += weight * s.subtreeMicros() / 1000.0;
    for (Service c : s.calls()) {
      addDemand(c, weight, demand);
    }
  }
}
