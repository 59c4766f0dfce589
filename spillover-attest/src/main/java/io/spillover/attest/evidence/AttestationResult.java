package io.spillover.attest.evidence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict on one piece of evidence. {@link #valid()} is true only when every signature,
 * certificate chain, binding and policy check passed. When it is false, {@link #reason()} says
 * which check failed first, and the other fields hold what could be parsed before that point:
 * they are <b>untrusted</b> and only useful for diagnostics.
 *
 * <p>{@link #claims()} holds platform-specific values as strings (hex for byte fields), for
 * example {@code vmpl}, {@code reportedTcb}, {@code chipId} (SEV-SNP), {@code pcr0}..{@code pcrN},
 * {@code timestamp}, {@code moduleId} (Nitro), {@code rtmr0}..{@code rtmr3}, {@code tcbStatus}
 * (TDX/SGX).
 */
public final class AttestationResult {
  private final boolean valid;
  private final String reason;
  private final Platform platform;
  private final String measurement;
  private final String reportData;
  private final boolean debug;
  private final Map<String, String> claims;

  private AttestationResult(boolean valid, String reason, Platform platform, String measurement,
      String reportData, boolean debug, Map<String, String> claims) {
    this.valid = valid;
    this.reason = reason;
    this.platform = Objects.requireNonNull(platform, "platform");
    this.measurement = measurement;
    this.reportData = reportData;
    this.debug = debug;
    this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** A passing verdict. */
  public static AttestationResult valid(Platform platform, String measurement, String reportData,
      boolean debug, Map<String, String> claims) {
    return new AttestationResult(true, null, platform, measurement, reportData, debug, claims);
  }

  /** A failing verdict with the reason of the first failed check. */
  public static AttestationResult invalid(Platform platform, String reason, String measurement,
      String reportData, boolean debug, Map<String, String> claims) {
    Objects.requireNonNull(reason, "reason");
    return new AttestationResult(false, reason, platform, measurement, reportData, debug, claims);
  }

  public boolean valid() {
    return valid;
  }

  /** Why the evidence was refused; null when valid. */
  public String reason() {
    return reason;
  }

  public Platform platform() {
    return platform;
  }

  /**
   * The primary launch measurement, lower-case hex: SEV-SNP MEASUREMENT, Nitro PCR0, TDX MRTD,
   * SGX MRENCLAVE, or the simulator's measurement. Null if the evidence could not be parsed.
   */
  public String measurement() {
    return measurement;
  }

  /**
   * The 64-byte report data (SNP REPORT_DATA, TDX/SGX REPORT_DATA, simulator) in hex; for Nitro
   * the {@code user_data} field (null when absent).
   */
  public String reportData() {
    return reportData;
  }

  /** True when the evidence comes from (or permits) a debuggable environment. */
  public boolean debug() {
    return debug;
  }

  public Map<String, String> claims() {
    return claims;
  }

  @Override
  public String toString() {
    return "AttestationResult{" + platform + (valid ? ", valid" : ", invalid: " + reason)
        + ", measurement=" + measurement + ", debug=" + debug + "}";
  }
}
