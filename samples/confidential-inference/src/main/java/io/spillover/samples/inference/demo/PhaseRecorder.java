package io.spillover.samples.inference.demo;

import io.spillover.SpillRejectedException;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import io.spillover.samples.inference.TwinInstance;
import io.spillover.samples.inference.model.Model;
import io.spillover.samples.inference.model.ModelCatalog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase's requests came to: where each was answered (the VM, or the twin over a sealed
 * spill), refusals by grant on either side, rejections and failures; latency (from the request's
 * due time) for local and sealed answers apart; per-second series for the plots; and what each
 * twin instance reported about itself. Twin answers are checked against the VM's own models.
 */
final class PhaseRecorder {
  final int seconds;
  final AtomicLong requests = new AtomicLong();
  final AtomicLong local = new AtomicLong();
  final AtomicLong sealed = new AtomicLong();
  final AtomicLong refusedOnVm = new AtomicLong();
  final AtomicLong refusedInTwin = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong wrongAnswers = new AtomicLong();
  final AtomicLong ungrantedServed = new AtomicLong();
  final Histogram localMicros = new ConcurrentHistogram(3);
  final Histogram sealedMicros = new ConcurrentHistogram(3);
  final AtomicLongArray arrivals;
  final AtomicLongArray vmAnswers;
  final AtomicLongArray twinAnswers;
  private final Histogram[] perSecond;
  final Map<Long, TwinStats> instances = new ConcurrentHashMap<>();
  private final Map<String, Model> reference = new ConcurrentHashMap<>();

  /** The most each twin instance reported. */
  static final class TwinStats {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong maxInFlight = new AtomicLong();
    final AtomicLong sessions = new AtomicLong();
    final AtomicLong keyFetches = new AtomicLong();
    final AtomicLong evictions = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();

    void seen(TwinInstance t) {
      calls.incrementAndGet();
      maxInFlight.accumulateAndGet(t.inFlight(), Math::max);
      sessions.accumulateAndGet(t.sessions(), Math::max);
      keyFetches.accumulateAndGet(t.keyFetches(), Math::max);
      evictions.accumulateAndGet(t.evictions(), Math::max);
      refusals.accumulateAndGet(t.refusals(), Math::max);
    }
  }

  PhaseRecorder(double seconds) {
    this.seconds = (int) Math.ceil(seconds) + 1;
    arrivals = new AtomicLongArray(this.seconds);
    vmAnswers = new AtomicLongArray(this.seconds);
    twinAnswers = new AtomicLongArray(this.seconds);
    perSecond = new Histogram[this.seconds];
    for (int i = 0; i < this.seconds; i++) {
      perSecond[i] = new ConcurrentHistogram(3);
    }
    ModelCatalog.NAMES.forEach(m -> reference.put(m, ModelCatalog.reference(m)));
  }

  void arrival(long dueNanos) {
    requests.incrementAndGet();
    arrivals.incrementAndGet(bucket(dueNanos));
  }

  void answered(SpikeLoad.Arrival a, Prediction p, long doneNanos) {
    long micros = Math.max(0, (doneNanos - a.dueNanos()) / 1000);
    perSecond[bucket(a.dueNanos())].recordValue(micros);
    boolean twin = "twin".equals(p.servedBy());
    (twin ? sealed : local).incrementAndGet();
    (twin ? sealedMicros : localMicros).recordValue(micros);
    (twin ? twinAnswers : vmAnswers).incrementAndGet(bucket(doneNanos));
    if (p.outcome() == Outcome.NOT_GRANTED) {
      (twin ? refusedInTwin : refusedOnVm).incrementAndGet();
    } else if (!a.granted()) {
      ungrantedServed.incrementAndGet();
    } else if (p.outcome() == Outcome.SERVED && !reference.get(p.model())
        .predict(a.request().vitals()).label().equals(p.label())) {
      wrongAnswers.incrementAndGet();
    }
    if (p.twin() != null) {
      instances.computeIfAbsent(p.twin().id(), id -> new TwinStats()).seen(p.twin());
    }
  }

  void failed(SpikeLoad.Arrival a, Throwable t) {
    (t instanceof SpillRejectedException ? rejected : failed).incrementAndGet();
  }

  /** Requests that got neither an answer nor an exception by the end of the phase. */
  long lost() {
    return requests.get() - local.get() - sealed.get() - rejected.get() - failed.get();
  }

  /** The p99 in ms of the requests due in second {@code s}, NaN when none was. */
  double p99Millis(int s) {
    Histogram h = perSecond[s];
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
  }

  private int bucket(long nanos) {
    return (int) Math.min(seconds - 1, Math.max(0, nanos / 1_000_000_000L));
  }
}
