package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.evidence.ReportDataBinding;
import io.spillover.attest.internal.Hex;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** The policy checks shared by all platforms; each throws {@link VerificationFailure}. */
public final class PolicyChecks {
  /** Clock skew tolerated for evidence timestamps in the future. */
  static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

  private PolicyChecks() {}

  /** Debug, measurements, binding and age, in that order. */
  public static void common(AttestationPolicy policy, Facts f, Instant now) {
    if (f.debug && !policy.allowDebug()) {
      throw new VerificationFailure(f.platform + " evidence is from a debuggable environment; policy refuses debug");
    }
    measurements(policy, f);
    binding(policy, f);
    age(policy, f, now);
  }

  private static void measurements(AttestationPolicy policy, Facts f) {
    boolean pinned = false;
    if (!policy.measurements().isEmpty()) {
      pinned = true;
      String m = Hex.encode(f.measurement);
      if (m == null || !policy.measurements().contains(m)) {
        throw new VerificationFailure("measurement " + m + " is not allowed by the policy");
      }
    }
    if (f.platform == Platform.NITRO && !policy.pcrs().isEmpty()) {
      pinned = true;
      registers("PCR", policy.pcrs(), f.pcrs);
    }
    if (f.platform == Platform.TDX && !policy.rtmrs().isEmpty()) {
      registers("RTMR", policy.rtmrs(), f.rtmrs);
    }
    if (!pinned && !policy.anyMeasurement()) {
      throw new VerificationFailure("policy pins no measurement for " + f.platform);
    }
  }

  private static void registers(String name, Map<Integer, Set<String>> allowed, Map<Integer, byte[]> actual) {
    for (Map.Entry<Integer, Set<String>> e : allowed.entrySet()) {
      byte[] v = actual.get(e.getKey());
      String hex = Hex.encode(v);
      if (hex == null || !e.getValue().contains(hex)) {
        throw new VerificationFailure(name + e.getKey() + " " + hex + " is not allowed by the policy");
      }
    }
  }

  private static void binding(AttestationPolicy policy, Facts f) {
    byte[] pk = policy.publicKey();
    if (pk != null) {
      if (f.platform == Platform.NITRO) {
        if (!MessageDigest.isEqual(pk, f.publicKey) || !MessageDigest.isEqual(policy.nonce(), f.nonce)) {
          throw new VerificationFailure("public_key/nonce do not match the expected key and nonce");
        }
      } else {
        byte[] expected = ReportDataBinding.reportData(pk, policy.nonce());
        if (f.reportData == null || !MessageDigest.isEqual(expected, f.reportData)) {
          throw new VerificationFailure("report data is not SHA-512(publicKey || nonce) of the expected key and nonce");
        }
      }
    }
    byte[] expected = policy.expectedReportData();
    if (expected != null) {
      byte[] actual = f.reportData;
      if (f.platform != Platform.NITRO && expected.length < 64) {
        expected = Arrays.copyOf(expected, 64);
      }
      if (actual == null || !MessageDigest.isEqual(expected, actual)) {
        throw new VerificationFailure("report data does not match the expected value");
      }
    }
  }

  private static void age(AttestationPolicy policy, Facts f, Instant now) {
    if (f.timestamp == null) {
      return;
    }
    if (f.timestamp.isAfter(now.plus(FUTURE_SKEW))) {
      throw new VerificationFailure("evidence timestamp " + f.timestamp + " is in the future");
    }
    Duration max = policy.maxEvidenceAge();
    if (max != null && Duration.between(f.timestamp, now).compareTo(max) > 0) {
      throw new VerificationFailure("evidence from " + f.timestamp + " is older than " + max);
    }
  }
}
