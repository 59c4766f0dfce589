package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.PolicyJson;
import io.spillover.attest.internal.Hex;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a function's evidence must show to be accepted, in addition to the cryptographic checks
 * (signatures and chains to pinned vendor roots) every verifier always performs.
 *
 * <ul>
 *   <li><b>Measurements.</b> {@link Builder#allowMeasurement} lists accepted primary measurements
 *       (SEV-SNP MEASUREMENT, Nitro PCR0, TDX MRTD, SGX MRENCLAVE, simulator measurement);
 *       {@link Builder#allowPcr} (Nitro) and {@link Builder#allowRtmr} (TDX) add per-register
 *       allow-lists. A policy must pin something or say {@link Builder#anyMeasurement()}
 *       explicitly; evidence from a platform the policy pins nothing for is refused.
 *   <li><b>Debug</b> is refused unless {@link Builder#allowDebug(boolean)}: SNP policy bit 19,
 *       TDX TD_ATTRIBUTES bit 0, SGX ATTRIBUTES bit 1, Nitro all-zero PCR0 (debug mode).
 *   <li><b>TCB.</b> {@link Builder#minimumSnpTcb} for SNP (per component);
 *       {@link Builder#acceptTcbStatuses} for TDX/SGX (default only {@code UpToDate}).
 *   <li><b>Age.</b> {@link Builder#maxEvidenceAge} for evidence with a timestamp (Nitro, dev).
 *   <li><b>Binding.</b> {@link Builder#bindTo} requires the scheme of {@link ReportDataBinding}.
 * </ul>
 */
public final class AttestationPolicy {
  /** The TCB status names of Intel's TCB info, for {@link Builder#acceptTcbStatuses}. */
  public static final String UP_TO_DATE = "UpToDate";

  private final boolean anyMeasurement;
  private final Set<String> measurements;
  private final Map<Integer, Set<String>> pcrs;
  private final Map<Integer, Set<String>> rtmrs;
  private final boolean allowDebug;
  private final SnpTcb minimumSnpTcb;
  private final Integer maximumVmpl;
  private final Set<String> tcbStatuses;
  private final Duration maxEvidenceAge;
  private final byte[] publicKey;
  private final byte[] nonce;
  private final byte[] reportData;

  private AttestationPolicy(Builder b) {
    anyMeasurement = b.anyMeasurement;
    measurements = Collections.unmodifiableSet(new LinkedHashSet<>(b.measurements));
    pcrs = freeze(b.pcrs);
    rtmrs = freeze(b.rtmrs);
    allowDebug = b.allowDebug;
    minimumSnpTcb = b.minimumSnpTcb;
    maximumVmpl = b.maximumVmpl;
    tcbStatuses = Collections.unmodifiableSet(new LinkedHashSet<>(b.tcbStatuses));
    maxEvidenceAge = b.maxEvidenceAge;
    publicKey = b.publicKey;
    nonce = b.nonce;
    reportData = b.reportData;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding the policy written in {@code json} (the file of {@code spillover attest
   * verify --policy}), to be adjusted or built: a JSON object with the optional members
   * {@code measurements} (hex strings), {@code pcrs} and {@code rtmrs} (index to hex strings),
   * {@code allowDebug}, {@code minimumSnpTcb} ({@code bootloader, tee, snp, microcode}, optional
   * {@code fmc}), {@code maximumVmpl}, {@code acceptedTcbStatuses}, {@code maxEvidenceAgeSeconds},
   * {@code publicKey} with {@code nonce} (hex), {@code reportData} (hex). Without measurements or
   * PCRs any measurement is accepted. Unknown members are errors, so a typo never silently
   * weakens a policy.
   *
   * @throws IllegalArgumentException naming the member that is unknown or of the wrong type
   */
  public static Builder fromJson(String json) {
    return PolicyJson.parse(Objects.requireNonNull(json, "json"));
  }

  public boolean anyMeasurement() {
    return anyMeasurement;
  }

  /** Accepted primary measurements, lower-case hex. */
  public Set<String> measurements() {
    return measurements;
  }

  /** Nitro PCR index to accepted values (lower-case hex). */
  public Map<Integer, Set<String>> pcrs() {
    return pcrs;
  }

  /** TDX RTMR index (0..3) to accepted values (lower-case hex). */
  public Map<Integer, Set<String>> rtmrs() {
    return rtmrs;
  }

  public boolean allowDebug() {
    return allowDebug;
  }

  /** Null when no minimum is set. */
  public SnpTcb minimumSnpTcb() {
    return minimumSnpTcb;
  }

  /** Null when any VMPL is accepted. */
  public Integer maximumVmpl() {
    return maximumVmpl;
  }

  public Set<String> acceptedTcbStatuses() {
    return tcbStatuses;
  }

  /** Null when the evidence age is not limited. */
  public Duration maxEvidenceAge() {
    return maxEvidenceAge;
  }

  /** The public key the evidence must be bound to, or null. */
  public byte[] publicKey() {
    return publicKey == null ? null : publicKey.clone();
  }

  public byte[] nonce() {
    return nonce == null ? null : nonce.clone();
  }

  /** Exact report data required (SNP/TDX/SGX/dev report data, Nitro user_data), or null. */
  public byte[] expectedReportData() {
    return reportData == null ? null : reportData.clone();
  }

  private static Map<Integer, Set<String>> freeze(Map<Integer, Set<String>> m) {
    Map<Integer, Set<String>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(out);
  }

  /** Builds a policy; setters validate eagerly. Not thread-safe. */
  public static final class Builder {
    private boolean anyMeasurement;
    private final Set<String> measurements = new LinkedHashSet<>();
    private final Map<Integer, Set<String>> pcrs = new TreeMap<>();
    private final Map<Integer, Set<String>> rtmrs = new TreeMap<>();
    private boolean allowDebug;
    private SnpTcb minimumSnpTcb;
    private Integer maximumVmpl;
    private final Set<String> tcbStatuses = new LinkedHashSet<>(Set.of(UP_TO_DATE));
    private Duration maxEvidenceAge;
    private byte[] publicKey;
    private byte[] nonce;
    private byte[] reportData;

    private Builder() {}

    /** Accepts these primary measurements (hex, 48 bytes; SGX MRENCLAVE 32 bytes). */
    public Builder allowMeasurement(String... hex) {
      for (String h : hex) {
        measurements.add(normalize(h, "measurement"));
      }
      return this;
    }

    /** Accepts any measurement: for inspection tools, never for releasing keys. */
    public Builder anyMeasurement() {
      this.anyMeasurement = true;
      return this;
    }

    /** Nitro: PCR {@code index} must be one of these values. */
    public Builder allowPcr(int index, String... hex) {
      if (index < 0 || index > 31) {
        throw new IllegalArgumentException("PCR index must be 0..31, got " + index);
      }
      Set<String> set = pcrs.computeIfAbsent(index, k -> new LinkedHashSet<>());
      for (String h : hex) {
        set.add(normalize(h, "PCR" + index));
      }
      return this;
    }

    /** TDX: RTMR {@code index} (0..3) must be one of these values. */
    public Builder allowRtmr(int index, String... hex) {
      if (index < 0 || index > 3) {
        throw new IllegalArgumentException("RTMR index must be 0..3, got " + index);
      }
      Set<String> set = rtmrs.computeIfAbsent(index, k -> new LinkedHashSet<>());
      for (String h : hex) {
        set.add(normalize(h, "RTMR" + index));
      }
      return this;
    }

    public Builder allowDebug(boolean allow) {
      this.allowDebug = allow;
      return this;
    }

    public Builder minimumSnpTcb(SnpTcb minimum) {
      this.minimumSnpTcb = Objects.requireNonNull(minimum, "minimum");
      return this;
    }

    /** SEV-SNP: the report must come from this VMPL or a more privileged (lower) one. */
    public Builder maximumVmpl(int vmpl) {
      if (vmpl < 0 || vmpl > 3) {
        throw new IllegalArgumentException("VMPL must be 0..3, got " + vmpl);
      }
      this.maximumVmpl = vmpl;
      return this;
    }

    /** TDX/SGX: replaces the accepted TCB statuses (e.g. UpToDate, SWHardeningNeeded). */
    public Builder acceptTcbStatuses(String... statuses) {
      if (statuses.length == 0) {
        throw new IllegalArgumentException("at least one TCB status must be accepted");
      }
      tcbStatuses.clear();
      for (String s : statuses) {
        if (s == null || s.isBlank()) {
          throw new IllegalArgumentException("blank TCB status");
        }
        tcbStatuses.add(s);
      }
      return this;
    }

    /** Evidence with a timestamp (Nitro, dev) must be at most this old at verification time. */
    public Builder maxEvidenceAge(Duration age) {
      if (age == null || age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("maxEvidenceAge must be positive");
      }
      this.maxEvidenceAge = age;
      return this;
    }

    /** Requires the evidence to be bound to this key and nonce ({@link ReportDataBinding}). */
    public Builder bindTo(byte[] publicKey, byte[] nonce) {
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(nonce, "nonce");
      if (publicKey.length == 0 || nonce.length == 0) {
        throw new IllegalArgumentException("publicKey and nonce must not be empty");
      }
      this.publicKey = publicKey.clone();
      this.nonce = nonce.clone();
      return this;
    }

    /** Requires exactly this report data (for bindings made by other schemes). */
    public Builder expectReportData(byte[] reportData) {
      Objects.requireNonNull(reportData, "reportData");
      if (reportData.length == 0 || reportData.length > 1024) {
        throw new IllegalArgumentException("report data must be 1..1024 bytes");
      }
      this.reportData = Arrays.copyOf(reportData, reportData.length);
      return this;
    }

    /**
     * @throws IllegalStateException if the policy pins no measurement and was not explicitly
     *     opened with {@link #anyMeasurement()}
     */
    public AttestationPolicy build() {
      if (!anyMeasurement && measurements.isEmpty() && pcrs.isEmpty() && rtmrs.isEmpty()) {
        throw new IllegalStateException(
            "policy pins no measurement: allow some, or call anyMeasurement() explicitly");
      }
      return new AttestationPolicy(this);
    }

    private static String normalize(String hex, String what) {
      Objects.requireNonNull(hex, what);
      String s = hex.strip().toLowerCase(Locale.ROOT);
      if (!Hex.isHex(s) || s.length() < 32 || s.length() > 128) {
        throw new IllegalArgumentException(what + " must be 16..64 bytes of hex, got '" + hex + "'");
      }
      return s;
    }
  }
}
