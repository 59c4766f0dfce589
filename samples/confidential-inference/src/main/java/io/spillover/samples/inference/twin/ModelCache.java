package io.spillover.samples.inference.twin;

import io.spillover.SpilloverClock;
import io.spillover.attest.keyservice.DataKeyNotGrantedException;
import io.spillover.attest.keyservice.GrantedDataKey;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.model.Model;
import io.spillover.samples.inference.model.ModelCatalog;
import io.spillover.samples.inference.model.SealedModel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The models one twin instance holds, SeSeMI's model packing: a model's key is fetched from the
 * key service only when a call for that model arrives, on behalf of that call's caller, and the
 * key service answers with the key and every caller granted it. So a model is fetched once per
 * instance, then served to its grantees without asking again, and refused to everyone else without
 * its artifact ever being decrypted.
 *
 * <p>Bounds, and what happens at each:
 * <ul>
 *   <li><b>Memory.</b> Open models are kept least recently used first, weighed by the size of
 *       their weights, up to {@code maxBytes}. Opening one more evicts the least recently used
 *       until it fits; the evicted model's key goes with it, and its next call fetches the key
 *       again (a new, audited release). A model heavier than the whole bound is served and
 *       dropped at once.</li>
 *   <li><b>Refusals.</b> A refused (caller, model) is remembered for {@code refusalTtl} so repeats
 *       cost the key service nothing; at most {@code maxRefusals} are remembered, the oldest
 *       forgotten first (its next call asks the key service again, which audits it again).</li>
 * </ul>
 * Each first refusal of a (caller, model) on an instance is asked of the key service, even when
 * the model is open and its grantees do not name the caller: the key service is the authority and
 * audits every refusal it decides.
 */
public final class ModelCache {
  /** Where model keys come from: {@code AttestedFunction::grantedDataKey}. */
  @FunctionalInterface
  public interface KeySource {
    /** @throws DataKeyNotGrantedException when the key service refuses the caller */
    GrantedDataKey fetch(String dataKey, String caller);
  }

  /** Where the sealed artifacts come from: the function image. */
  @FunctionalInterface
  public interface Artifacts {
    byte[] read(String model);
  }

  /** The model when the caller may use it; otherwise why not. */
  public record Access(Outcome outcome, Model model) {}

  /** Counters of this instance. */
  public record Stats(long keyFetches, long evictions, long refusals, long opened, long bytes,
      List<String> models) {}

  private record Loaded(Model model, Set<String> grantees, int bytes) {}

  private record Refusal(String caller, String model) {}

  private final KeySource keys;
  private final Artifacts artifacts;
  private final long maxBytes;
  private final SpilloverClock clock;
  private final long refusalTtlMillis;
  private final int maxRefusals;
  private final LinkedHashMap<String, Loaded> loaded = new LinkedHashMap<>(8, 0.75f, true);
  private final LinkedHashMap<Refusal, Long> refused = new LinkedHashMap<>();
  private final Map<String, Object> loading = new ConcurrentHashMap<>();
  private final AtomicLong keyFetches = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong opened = new AtomicLong();
  private long bytes;

  public ModelCache(KeySource keys, Artifacts artifacts, long maxBytes, SpilloverClock clock,
      long refusalTtlMillis, int maxRefusals) {
    if (maxBytes < 1 || refusalTtlMillis < 0 || maxRefusals < 1) {
      throw new IllegalArgumentException("maxBytes and maxRefusals must be positive, the TTL"
          + " not negative");
    }
    this.keys = Objects.requireNonNull(keys, "keys");
    this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    this.maxBytes = maxBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refusalTtlMillis = refusalTtlMillis;
    this.maxRefusals = maxRefusals;
  }

  /** The model {@code name} for {@code caller}, if the key service grants it to the caller. */
  public Access open(String name, String caller) {
    if (!ModelCatalog.contains(name)) {
      return new Access(Outcome.UNKNOWN_MODEL, null);
    }
    Loaded l = lookup(name);
    if (l != null && l.grantees().contains(caller)) {
      return new Access(Outcome.SERVED, l.model());
    }
    if (remembersRefusal(caller, name)) {
      refusals.incrementAndGet();
      return new Access(Outcome.NOT_GRANTED, null);
    }
    // one fetch per model at a time: calls for the model wait for it, other models do not
    synchronized (loading.computeIfAbsent(name, n -> new Object())) {
      l = lookup(name);
      if (l != null && l.grantees().contains(caller)) {
        return new Access(Outcome.SERVED, l.model());
      }
      GrantedDataKey key;
      try {
        key = keys.fetch(ModelCatalog.dataKey(name), caller);
      } catch (DataKeyNotGrantedException e) {
        rememberRefusal(caller, name);
        refusals.incrementAndGet();
        return new Access(Outcome.NOT_GRANTED, null);
      }
      keyFetches.incrementAndGet();
      if (l == null) {
        byte[] weights = SealedModel.open(name, artifacts.read(name), key.aead());
        opened.incrementAndGet();
        l = new Loaded(ModelCatalog.read(name, weights), key.grantees(), weights.length);
      } else { // the grants changed since the model was opened: the key service's answer counts
        l = new Loaded(l.model(), key.grantees(), l.bytes());
      }
      keep(name, l);
      return new Access(Outcome.SERVED, l.model());
    }
  }

  public Stats stats() {
    synchronized (loaded) {
      return new Stats(keyFetches.get(), evictions.get(), refusals.get(), opened.get(), bytes,
          List.copyOf(loaded.keySet()));
    }
  }

  private Loaded lookup(String name) {
    synchronized (loaded) {
      return loaded.get(name); // access order: this is a use
    }
  }

  private void keep(String name, Loaded entry) {
    synchronized (loaded) {
      Loaded previous = loaded.put(name, entry);
      bytes += entry.bytes() - (previous == null ? 0 : previous.bytes());
      for (Iterator<Map.Entry<String, Loaded>> it = loaded.entrySet().iterator();
          bytes > maxBytes && it.hasNext(); ) {
        Map.Entry<String, Loaded> eldest = it.next();
        it.remove();
        bytes -= eldest.getValue().bytes();
        evictions.incrementAndGet();
      }
    }
  }

  private boolean remembersRefusal(String caller, String name) {
    synchronized (refused) {
      Refusal key = new Refusal(caller, name);
      Long until = refused.get(key);
      if (until != null && clock.epochMillis() >= until) {
        refused.remove(key);
        return false;
      }
      return until != null;
    }
  }

  private void rememberRefusal(String caller, String name) {
    synchronized (refused) {
      refused.put(new Refusal(caller, name), clock.epochMillis() + refusalTtlMillis);
      if (refused.size() > maxRefusals) {
        Iterator<Refusal> oldest = refused.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }
  }
}
