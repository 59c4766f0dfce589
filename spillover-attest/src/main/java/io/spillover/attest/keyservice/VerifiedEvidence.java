package io.spillover.attest.keyservice;

import io.spillover.attest.evidence.Platform;
import java.util.Map;
import java.util.Objects;

/**
 * What verified evidence proved about a TEE instance.
 *
 * @param platform the TEE that produced the evidence
 * @param measurement the launch measurement (lower-case hex) that the function policy names
 * @param debug whether the TEE runs with debugging enabled
 * @param reportData the report data the hardware signed (Nitro: {@code user_data})
 * @param claims further facts for the audit log (TCB version, chip id, PCRs, ...)
 */
public record VerifiedEvidence(Platform platform, String measurement, boolean debug,
    byte[] reportData, Map<String, String> claims) {

  public VerifiedEvidence {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(measurement, "measurement");
    reportData = reportData.clone();
    claims = Map.copyOf(claims);
  }

  @Override
  public byte[] reportData() {
    return reportData.clone();
  }
}
