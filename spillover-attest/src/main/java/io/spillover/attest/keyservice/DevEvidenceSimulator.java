package io.spillover.attest.keyservice;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import io.spillover.attest.seal.internal.Tinks;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated TEE for development and tests: it "measures" itself as a configured hex string and
 * signs {platform, measurement, debug, reportData} with an ECDSA P-256 Tink key standing in for the
 * hardware's. It proves nothing about real hardware; a production key service configures no
 * {@link DevEvidenceVerifier}, and so refuses its evidence.
 */
public final class DevEvidenceSimulator implements EvidenceProducer {
  static final String PLATFORM = "dev-simulator";
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final PublicKeySign signer;
  private final String measurement;
  private final boolean debug;

  public DevEvidenceSimulator(KeysetHandle signingKeyset, String measurement, boolean debug) {
    Objects.requireNonNull(measurement, "measurement");
    try {
      this.signer = Tinks.primitive(signingKeyset, PublicKeySign.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a Tink signing keyset", e);
    }
    this.measurement = measurement;
    this.debug = debug;
  }

  /** A fresh simulated "hardware" signing keyset (ECDSA P-256). */
  public static KeysetHandle generateSigningKeyset() {
    try {
      return Tinks.generate(PredefinedSignatureParameters.ECDSA_P256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink cannot generate an ECDSA key", e);
    }
  }

  @Override
  public byte[] evidence(byte[] reportData) {
    ObjectNode report = JSON.createObjectNode();
    report.put("platform", PLATFORM);
    report.put("measurement", measurement);
    report.put("debug", debug);
    report.put("reportData", Base64.getEncoder().encodeToString(reportData));
    byte[] reportBytes = JSON.writeValueAsBytes(report);
    ObjectNode evidence = JSON.createObjectNode();
    evidence.put("report", reportBytes);
    try {
      evidence.put("signature", signer.sign(reportBytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("simulated report signing failed", e);
    }
    return JSON.writeValueAsBytes(evidence);
  }
}
