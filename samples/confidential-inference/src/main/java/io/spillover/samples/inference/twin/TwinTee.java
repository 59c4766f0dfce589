package io.spillover.samples.inference.twin;

import io.spillover.attest.evidence.ConfigfsTsmEvidenceSource;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.evidence.EvidenceSource;
import io.spillover.attest.evidence.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's TEE, chosen by {@code SPILLOVER_TEE}: {@code sev-snp} and {@code tdx} read real
 * evidence through configfs-tsm; {@code dev} is the attestation simulator, which proves nothing
 * and says so in the log. Whichever it is, the evidence takes the same path from here on: bound to
 * the instance's key and the key service's nonce, verified there against the function's policy.
 */
public final class TwinTee {
  private static final Logger log = LoggerFactory.getLogger(TwinTee.class);

  private TwinTee() {}

  /** The evidence source the environment names. */
  public static EvidenceSource fromEnvironment(UnaryOperator<String> env) {
    String tee = TwinEnvironment.required(env, TwinEnvironment.TEE);
    switch (tee) {
      case "sev-snp":
        return ConfigfsTsmEvidenceSource.create(Platform.SEV_SNP);
      case "tdx":
        return ConfigfsTsmEvidenceSource.create(Platform.TDX);
      case "dev":
        return simulator(env);
      default:
        throw new IllegalArgumentException(TwinEnvironment.TEE + " must be sev-snp, tdx or dev,"
            + " not '" + tee + "'");
    }
  }

  private static EvidenceSource simulator(UnaryOperator<String> env) {
    String measurement = TwinEnvironment.required(env, TwinEnvironment.DEV_TEE_MEASUREMENT);
    boolean debug = Boolean.parseBoolean(env.apply(TwinEnvironment.DEV_TEE_DEBUG));
    log.warn("ATTESTATION SIMULATOR: this twin has no TEE; its evidence is signed with a"
        + " development key file and proves nothing about the code that runs (measurement {},"
        + " debug {}). A key service accepts it only in a development deployment.",
        measurement, debug);
    try {
      return DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT)
          .signingKey(DevEvidenceKeys.read(
              Path.of(TwinEnvironment.required(env, TwinEnvironment.DEV_TEE_KEY))))
          .measurement(HexFormat.of().parseHex(measurement)).debug(debug).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the simulator's key", e);
    }
  }
}
