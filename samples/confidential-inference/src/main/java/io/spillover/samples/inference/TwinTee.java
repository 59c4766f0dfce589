package io.spillover.samples.inference;

import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.evidence.EvidenceSource;
import java.security.KeyPair;
import java.util.HexFormat;

/**
 * The (simulated) TEE the twin runs in. On real hardware this is
 * {@code ConfigfsTsmEvidenceSource.create(Platform.SEV_SNP)} or a {@code NitroEvidenceSource}; the
 * sample uses the attestation simulator, so that the key service's decisions can be shown on a
 * laptop: the expected image, a debuggable one, and a modified one.
 */
public enum TwinTee {
  /** The image the key service's policy pins, debugging off: gets the model key. */
  ATTESTED(ConfidentialInference.MEASUREMENT, false),
  /** The right image in a debuggable TEE: a debugger could read the key, so it gets none. */
  DEBUG(ConfidentialInference.MEASUREMENT, true),
  /** Another image (e.g. one that logs its inputs): its measurement is not pinned. */
  MODIFIED_IMAGE("badc0de0".repeat(12), false);

  private final String measurement;
  private final boolean debug;

  TwinTee(String measurement, boolean debug) {
    this.measurement = measurement;
    this.debug = debug;
  }

  /** The simulator signing with {@code simulatorKey}, which the sample's key service trusts. */
  EvidenceSource source(KeyPair simulatorKey) {
    return DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT).signingKey(simulatorKey)
        .measurement(HexFormat.of().parseHex(measurement)).debug(debug).build();
  }
}
