package io.spillover.attest.keyservice;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the key service requires before it releases a function's keys, and to whom it serves the
 * function's public keyset.
 *
 * @param allowedMeasurements launch measurements (hex, any case) of the function's TEE image
 * @param platforms evidence platforms accepted ({@code sev-snp}, {@code nitro}, ...); empty = any
 * @param callers callers allowed to fetch the public keyset and to open sessions to the function
 * @param dataKeys data keys released with the function's keyset (e.g. a model key)
 */
public record FunctionPolicy(Set<String> allowedMeasurements, Set<String> platforms,
    Set<String> callers, Set<String> dataKeys) {

  public FunctionPolicy {
    allowedMeasurements = lower(allowedMeasurements);
    platforms = Set.copyOf(platforms);
    callers = Set.copyOf(callers);
    dataKeys = Set.copyOf(dataKeys);
    if (allowedMeasurements.isEmpty()) {
      throw new IllegalArgumentException("a function policy must allow at least one measurement");
    }
    dataKeys.forEach(KeyServiceConfig::requireKeyName);
  }

  /** A policy allowing {@code measurements} on any platform, for {@code callers}, no data keys. */
  public static FunctionPolicy of(Collection<String> measurements, Collection<String> callers) {
    return new FunctionPolicy(Set.copyOf(measurements), Set.of(), Set.copyOf(callers), Set.of());
  }

  public FunctionPolicy withDataKeys(Collection<String> keys) {
    return new FunctionPolicy(allowedMeasurements, platforms, callers, Set.copyOf(keys));
  }

  public FunctionPolicy withPlatforms(Collection<String> accepted) {
    return new FunctionPolicy(allowedMeasurements, Set.copyOf(accepted), callers, dataKeys);
  }

  /** Whether evidence of {@code platform} with {@code measurement} satisfies this policy. */
  public boolean admits(String platform, String measurement) {
    return (platforms.isEmpty() || platforms.contains(platform))
        && allowedMeasurements.contains(measurement.toLowerCase(java.util.Locale.ROOT));
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : Objects.requireNonNull(values, "allowedMeasurements")) {
      out.add(v.toLowerCase(java.util.Locale.ROOT));
    }
    return Set.copyOf(out);
  }
}
