package io.spillover.samples.inference.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario's callers and what each is granted: every tenant two of the three models, so each
 * has one model its requests may name but must not get.
 */
final class Tenants {
  static final List<String> NAMES = List.of("clinic-a", "clinic-b", "research");

  /** Model to the tenants granted it; the key service's grants and the VM's mirror of them. */
  static final Map<String, Set<String>> GRANTS = Map.of(
      "triage", Set.of("clinic-a", "clinic-b"),
      "sepsis", Set.of("clinic-a", "research"),
      "readmission", Set.of("clinic-b", "research"));

  private Tenants() {}

  /** The models {@code tenant} is granted, in catalog order. */
  static List<String> granted(String tenant) {
    return io.spillover.samples.inference.model.ModelCatalog.NAMES.stream()
        .filter(m -> GRANTS.get(m).contains(tenant)).toList();
  }

  /** The model {@code tenant} is not granted. */
  static String notGranted(String tenant) {
    return io.spillover.samples.inference.model.ModelCatalog.NAMES.stream()
        .filter(m -> !GRANTS.get(m).contains(tenant)).findFirst().orElseThrow();
  }
}
