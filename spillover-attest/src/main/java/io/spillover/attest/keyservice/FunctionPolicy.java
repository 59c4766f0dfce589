package io.spillover.attest.keyservice;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.evidence.SnpTcb;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the key service requires before it releases a function's keys, and to whom it serves the
 * function's public keyset. The attestation part maps onto the verifiers' {@link AttestationPolicy}
 * ({@link #attestationPolicy}); the key service checks platform, measurement and debug once more
 * itself. Immutable; built with {@link #builder()}.
 */
public final class FunctionPolicy {
  private final Set<String> allowedMeasurements;
  private final Set<Platform> platforms;
  private final Set<String> callers;
  private final Set<String> dataKeys;
  private final Map<String, Set<String>> grants;
  private final boolean allowDebug;
  private final SnpTcb minimumSnpTcb;
  private final Set<String> acceptedTcbStatuses;
  private final Duration maxEvidenceAge;

  private FunctionPolicy(Builder b) {
    allowedMeasurements = Set.copyOf(b.measurements);
    platforms = Set.copyOf(b.platforms);
    callers = Set.copyOf(b.callers);
    dataKeys = Set.copyOf(b.dataKeys);
    Map<String, Set<String>> g = new LinkedHashMap<>();
    b.grants.forEach((name, grantees) -> g.put(name, Set.copyOf(grantees)));
    grants = Map.copyOf(g);
    allowDebug = b.allowDebug;
    minimumSnpTcb = b.minimumSnpTcb;
    acceptedTcbStatuses = Set.copyOf(b.tcbStatuses);
    maxEvidenceAge = b.maxEvidenceAge;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A policy allowing {@code measurements} on any platform, for {@code callers}, no data keys. */
  public static FunctionPolicy of(Collection<String> measurements, Collection<String> callers) {
    return builder().allowMeasurements(measurements).callers(callers).build();
  }

  /** Launch measurements (lower-case hex) of the function's TEE image. */
  public Set<String> allowedMeasurements() {
    return allowedMeasurements;
  }

  /** Evidence platforms accepted; empty means any platform the key service verifies. */
  public Set<Platform> platforms() {
    return platforms;
  }

  /** Callers allowed to fetch the public keyset and to open sessions to the function. */
  public Set<String> callers() {
    return callers;
  }

  /** Data keys released with the function's keyset to every attested instance. */
  public Set<String> dataKeys() {
    return dataKeys;
  }

  /**
   * Granted data keys (e.g. one key per model), by name, with the callers each is granted to.
   * Unlike {@link #dataKeys()} they are not part of the key release: an attested instance asks
   * for one on behalf of a caller (with fresh evidence) and gets it only if that caller is
   * granted it, together with the names of all callers granted it.
   */
  public Map<String, Set<String>> grants() {
    return grants;
  }

  /** Whether {@code caller} is granted the data key {@code name}. */
  public boolean grants(String name, String caller) {
    Set<String> grantees = grants.get(name);
    return grantees != null && grantees.contains(caller);
  }

  /** Whether a debuggable TEE may get the keys (development only; false by default). */
  public boolean allowDebug() {
    return allowDebug;
  }

  public Optional<SnpTcb> minimumSnpTcb() {
    return Optional.ofNullable(minimumSnpTcb);
  }

  /** TDX/SGX TCB statuses accepted (default only {@code UpToDate}). */
  public Set<String> acceptedTcbStatuses() {
    return acceptedTcbStatuses;
  }

  /** How old timestamped evidence (Nitro, dev) may be when it arrives (default 5 min). */
  public Duration maxEvidenceAge() {
    return maxEvidenceAge;
  }

  /** Whether evidence of {@code platform} with {@code measurement} satisfies this policy. */
  public boolean admits(Platform platform, String measurement) {
    return (platforms.isEmpty() || platforms.contains(platform)) && measurement != null
        && allowedMeasurements.contains(measurement.toLowerCase(Locale.ROOT));
  }

  /**
   * This policy as the verifiers see it, requiring the evidence's report data to be exactly
   * {@code expectedReportData} (SHA-512(ephemeral public keyset || nonce)).
   */
  public AttestationPolicy attestationPolicy(byte[] expectedReportData) {
    AttestationPolicy.Builder b = AttestationPolicy.builder()
        .allowMeasurement(allowedMeasurements.toArray(String[]::new))
        .allowDebug(allowDebug)
        .acceptTcbStatuses(acceptedTcbStatuses.toArray(String[]::new))
        .maxEvidenceAge(maxEvidenceAge)
        .expectReportData(expectedReportData);
    if (minimumSnpTcb != null) {
      b.minimumSnpTcb(minimumSnpTcb);
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "FunctionPolicy{measurements=" + allowedMeasurements + ", platforms=" + platforms
        + ", callers=" + callers + ", dataKeys=" + dataKeys + ", grants=" + grants
        + ", allowDebug=" + allowDebug + "}";
  }

  /** Builds a {@link FunctionPolicy}; validates eagerly. */
  public static final class Builder {
    private final Set<String> measurements = new LinkedHashSet<>();
    private final Set<Platform> platforms = EnumSet.noneOf(Platform.class);
    private final Set<String> callers = new LinkedHashSet<>();
    private final Set<String> dataKeys = new LinkedHashSet<>();
    private final Map<String, Set<String>> grants = new LinkedHashMap<>();
    private boolean allowDebug;
    private SnpTcb minimumSnpTcb;
    private final Set<String> tcbStatuses = new LinkedHashSet<>(List.of(
        AttestationPolicy.UP_TO_DATE));
    private Duration maxEvidenceAge = Duration.ofMinutes(5);

    private Builder() {}

    /** Hex measurements, 16..64 bytes (SNP MEASUREMENT, Nitro PCR0, TDX MRTD, SGX MRENCLAVE). */
    public Builder allowMeasurements(Collection<String> hex) {
      for (String h : hex) {
        AttestationPolicy.builder().allowMeasurement(h); // validates the hex
        measurements.add(h.strip().toLowerCase(Locale.ROOT));
      }
      return this;
    }

    public Builder allowMeasurement(String hex) {
      return allowMeasurements(List.of(hex));
    }

    public Builder platforms(Collection<Platform> accepted) {
      platforms.addAll(accepted);
      return this;
    }

    public Builder callers(Collection<String> names) {
      names.forEach(n -> callers.add(CallerIdentity.requireName(n)));
      return this;
    }

    public Builder dataKeys(Collection<String> names) {
      names.forEach(n -> dataKeys.add(KeyServiceConfig.requireKeyName(n)));
      return this;
    }

    /**
     * Grants the data key {@code name} to {@code callers} (each must also be among
     * {@link #callers}): an attested instance gets it only when it asks on behalf of one of them.
     * Calling it again for the same name adds callers.
     */
    public Builder grant(String name, Collection<String> callers) {
      Set<String> grantees = grants.computeIfAbsent(KeyServiceConfig.requireKeyName(name),
          n -> new LinkedHashSet<>());
      callers.forEach(c -> grantees.add(CallerIdentity.requireName(c)));
      return this;
    }

    /** Releases keys to debuggable TEEs too. Development only: a debugger can read the keys. */
    public Builder allowDebug(boolean allow) {
      this.allowDebug = allow;
      return this;
    }

    public Builder minimumSnpTcb(SnpTcb minimum) {
      this.minimumSnpTcb = Objects.requireNonNull(minimum, "minimum");
      return this;
    }

    public Builder acceptTcbStatuses(Collection<String> statuses) {
      AttestationPolicy.builder().acceptTcbStatuses(statuses.toArray(String[]::new));
      tcbStatuses.clear();
      tcbStatuses.addAll(statuses);
      return this;
    }

    public Builder maxEvidenceAge(Duration age) {
      AttestationPolicy.builder().maxEvidenceAge(age); // validates
      this.maxEvidenceAge = age;
      return this;
    }

    /**
     * @throws IllegalArgumentException when no measurement is allowed, a grant names a caller the
     *     policy does not, or a data key is both granted and released to every instance
     */
    public FunctionPolicy build() {
      if (measurements.isEmpty()) {
        throw new IllegalArgumentException("a function policy must allow at least one measurement");
      }
      for (Map.Entry<String, Set<String>> g : grants.entrySet()) {
        if (dataKeys.contains(g.getKey())) {
          // released to every instance, the grant would restrict nothing
          throw new IllegalArgumentException("data key '" + g.getKey()
              + "' is granted to callers and also listed in dataKeys; list it in one of them");
        }
        for (String grantee : g.getValue()) {
          if (!callers.contains(grantee)) {
            throw new IllegalArgumentException("grant of '" + g.getKey() + "' names caller '"
                + grantee + "', which is not among the function's callers");
          }
        }
      }
      return new FunctionPolicy(this);
    }
  }
}
