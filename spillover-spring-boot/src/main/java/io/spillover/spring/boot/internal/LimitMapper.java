package io.spillover.spring.boot.internal;

import io.spillover.limit.LimitFactory;
import io.spillover.limit.Limits;
import io.spillover.limit.AimdLimit;
import io.spillover.limit.GradientLimit;
import io.spillover.spring.boot.LimitProperties;
import io.spillover.spring.boot.LimitProperties.Type;
import io.spillover.spring.boot.SpilloverPropertyException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ...limit.*} to a {@link LimitFactory}. A limit is built whole from its own properties
 * (a factory cannot be merged with a base one), so {@code type} is required whenever a parameter
 * is set, and a parameter of another type is an error rather than silently ignored.
 */
final class LimitMapper {
  private static final Map<Type, Set<String>> PARAMETERS = Map.of(
      Type.FIXED, Set.of("value"),
      Type.ADAPTIVE, Set.of("initial", "min", "max", "tolerance", "short-window", "long-window",
          "smoothing"),
      Type.AIMD, Set.of("initial", "min", "max", "backoff", "slo"));

  private LimitMapper() {}

  /** The factory, or empty when nothing is set (the base config's limit stays). */
  static Optional<LimitFactory> toFactory(String prefix, LimitProperties p) {
    Map<String, Object> set = parameters(p);
    if (p.getType() == null) {
      if (!set.isEmpty()) {
        throw new SpilloverPropertyException(prefix + ".type", "limit parameters "
            + set.keySet() + " are set but limit.type is not (fixed, adaptive or aimd)", null);
      }
      return Optional.empty();
    }
    Set<String> allowed = PARAMETERS.get(p.getType());
    for (String name : set.keySet()) {
      if (!allowed.contains(name)) {
        throw new SpilloverPropertyException(prefix + "." + name, "not a parameter of a "
            + p.getType().name().toLowerCase(Locale.ROOT) + " limit (it takes " + allowed + ")",
            null);
      }
    }
    try {
      return Optional.of(build(prefix, p));
    } catch (SpilloverPropertyException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SpilloverPropertyException(prefix, e.getMessage(), e);
    }
  }

  private static LimitFactory build(String prefix, LimitProperties p) {
    switch (p.getType()) {
      case FIXED:
        if (p.getValue() == null) {
          throw new SpilloverPropertyException(prefix + ".value",
              "a fixed limit needs limit.value", null);
        }
        return Limits.fixed(p.getValue());
      case ADAPTIVE:
        return gradient(prefix, p);
      case AIMD:
        AimdLimit.Builder a = Limits.aimd();
        if (p.getMin() != null) {
          a.min(p.getMin());
        }
        if (p.getMax() != null) {
          a.max(p.getMax());
        }
        if (p.getInitial() != null) {
          a.initial(p.getInitial());
        }
        if (p.getBackoff() != null) {
          a.backoff(p.getBackoff());
        }
        if (p.getSlo() != null) {
          a.slo(p.getSlo());
        }
        return a.build();
      default:
        throw new IllegalStateException("unknown limit type " + p.getType());
    }
  }

  private static LimitFactory gradient(String prefix, LimitProperties p) {
    GradientLimit.Builder g = Limits.gradient();
    if (p.getMin() != null) {
      g.min(p.getMin());
    }
    if (p.getMax() != null) {
      g.max(p.getMax());
    }
    if (p.getInitial() != null) {
      g.initial(p.getInitial());
    }
    if (p.getTolerance() != null) {
      g.tolerance(p.getTolerance());
    }
    if (p.getShortWindow() != null || p.getLongWindow() != null) {
      if (p.getShortWindow() == null || p.getLongWindow() == null) {
        throw new SpilloverPropertyException(prefix + (p.getShortWindow() == null
            ? ".short-window" : ".long-window"), "short-window and long-window go together", null);
      }
      g.windows(p.getShortWindow(), p.getLongWindow());
    }
    if (p.getSmoothing() != null) {
      g.smoothing(p.getSmoothing());
    }
    return g.build();
  }

  private static Map<String, Object> parameters(LimitProperties p) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "value", p.getValue());
    put(m, "initial", p.getInitial());
    put(m, "min", p.getMin());
    put(m, "max", p.getMax());
    put(m, "tolerance", p.getTolerance());
    put(m, "short-window", p.getShortWindow());
    put(m, "long-window", p.getLongWindow());
    put(m, "smoothing", p.getSmoothing());
    put(m, "backoff", p.getBackoff());
    put(m, "slo", p.getSlo());
    return m;
  }

  private static void put(Map<String, Object> m, String name, Object value) {
    if (value != null) {
      m.put(name, value);
    }
  }
}
