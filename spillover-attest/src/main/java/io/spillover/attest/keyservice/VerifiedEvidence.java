package io.spillover.attest.keyservice;

import java.util.Map;
import java.util.Objects;

/**
 * What verified evidence proved about a TEE instance.
 *
 * @param platform e.g. {@code sev-snp}, {@code nitro}, {@code tdx}, {@code dev-simulator}
 * @param measurement the launch measurement (hex) that the function policy's allow-list names
 * @param debug whether the TEE runs with debugging enabled (refused by the key service)
 * @param reportData the report data the hardware signed
 * @param claims further facts for the audit log (TCB version, chip id, PCRs, ...)
 */
public record VerifiedEvidence(String platform, String measurement, boolean debug,
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
