package io.spillover.samples.social.lab;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpillRejectedException;
import io.spillover.Spillway;
import io.spillover.SpillwayMetrics;
import io.spillover.samples.social.internal.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one fleet VM reports to the coordinator: the front end's calls served and rejected, and,
 * from its spillways' metrics, the calls run locally and spilled, the spills the platform
 * throttled, the spend, and the spillways whose circuit breaker was seen open (by a refusal for
 * {@code CIRCUIT_OPEN}, or its state when counted).
 */
final class FleetVmCounts {
  private final String id;
  private final LongAdder served = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final Map<String, Spillway<?, ?>> spillways = new ConcurrentHashMap<>();
  private final Set<String> breakerOpened = ConcurrentHashMap.newKeySet();

  FleetVmCounts(String id) {
    this.id = id;
  }

  void watch(String name, Spillway<?, ?> spillway) {
    spillways.put(name, spillway);
  }

  void served() {
    served.increment();
  }

  void rejected() {
    rejected.increment();
  }

  void breakerOpened(String spillway) {
    breakerOpened.add(spillway);
  }

  /** The counts so far as one line of JSON. */
  String json() {
    long local = 0;
    long spilled = 0;
    long throttled = 0;
    double spend = 0;
    Map<String, Long> spilledBy = new TreeMap<>();
    Map<String, Double> spendBy = new TreeMap<>();
    for (var e : spillways.entrySet()) {
      SpillwayMetrics m = e.getValue().metrics();
      if ("OPEN".equals(m.breakerState())
          || m.rejections(SpillRejectedException.Reason.CIRCUIT_OPEN) > 0) {
        breakerOpened.add(e.getKey());
      }
      local += m.calls(Route.LOCAL, Outcome.SUCCESS) + m.calls(Route.LOCAL, Outcome.ERROR);
      long f = m.calls(Route.FUNCTION, Outcome.SUCCESS) + m.calls(Route.FUNCTION, Outcome.ERROR);
      spilled += f;
      throttled += m.throttledSpills();
      spend += m.spendUsd();
      if (f > 0) {
        spilledBy.put(e.getKey(), f);
        spendBy.put(e.getKey(), m.spendUsd());
      }
    }
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("id", id);
    m.put("served", served.sum());
    m.put("rejected", rejected.sum());
    m.put("local", local);
    m.put("spilled", spilled);
    m.put("throttled", throttled);
    m.put("breaker_opened", new java.util.TreeSet<>(breakerOpened));
    m.put("spend_usd", spend);
    m.put("spilled_by_service", spilledBy);
    m.put("spend_by_service_usd", spendBy);
    return Json.MAPPER.writeValueAsString(m);
  }

  /**
   * {@code now} less {@code before} (two of a VM's reports): the counts, spend and per-service
   * figures between them; the breakers seen open are those of {@code now} (once open, always
   * counted).
   */
  static JsonNode minus(JsonNode now, JsonNode before) {
    ObjectNode d = (ObjectNode) now.deepCopy();
    for (String f : new String[] {"served", "rejected", "local", "spilled", "throttled"}) {
      d.put(f, now.path(f).asLong() - before.path(f).asLong());
    }
    d.put("spend_usd", now.path("spend_usd").asDouble() - before.path("spend_usd").asDouble());
    ObjectNode spilled = d.putObject("spilled_by_service");
    now.path("spilled_by_service").properties().forEach(e -> spilled.put(e.getKey(),
        e.getValue().asLong() - before.path("spilled_by_service").path(e.getKey()).asLong()));
    ObjectNode spend = d.putObject("spend_by_service_usd");
    now.path("spend_by_service_usd").properties().forEach(e -> spend.put(e.getKey(),
        e.getValue().asDouble() - before.path("spend_by_service_usd").path(e.getKey())
            .asDouble()));
    return d;
  }
}
