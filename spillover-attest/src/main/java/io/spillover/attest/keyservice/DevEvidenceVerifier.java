package io.spillover.attest.keyservice;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import io.spillover.attest.seal.internal.Tinks;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Verifies {@link DevEvidenceSimulator} evidence: the simulator key's signature, then the report
 * data. For development only; configuring it is an explicit opt-in at the key service.
 */
public final class DevEvidenceVerifier implements EvidenceVerifier {
  private final PublicKeyVerify verify;

  public DevEvidenceVerifier(KeysetHandle simulatorVerifyKeyset) {
    try {
      this.verify = Tinks.primitive(simulatorVerifyKeyset, PublicKeyVerify.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a Tink verify keyset", e);
    }
  }

  @Override
  public VerifiedEvidence verify(byte[] evidence, byte[] expectedReportData) {
    JsonNode report;
    try {
      JsonNode outer = DevEvidenceSimulator.JSON.readTree(evidence);
      byte[] reportBytes = outer.required("report").binaryValue();
      verify.verify(outer.required("signature").binaryValue(), reportBytes);
      report = DevEvidenceSimulator.JSON.readTree(reportBytes);
    } catch (GeneralSecurityException e) {
      throw new EvidenceRejectedException("dev evidence signature does not verify", e);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new EvidenceRejectedException("malformed dev evidence: " + e.getMessage(), e);
    }
    if (!DevEvidenceSimulator.PLATFORM.equals(report.path("platform").asString(""))) {
      throw new EvidenceRejectedException("dev evidence names another platform");
    }
    byte[] reportData = Base64.getDecoder().decode(report.path("reportData").asString(""));
    if (!Tinks.equal(reportData, expectedReportData)) {
      throw new EvidenceRejectedException(
          "report data does not bind the ephemeral key and nonce (expected SHA-512(key || nonce))");
    }
    return new VerifiedEvidence(DevEvidenceSimulator.PLATFORM,
        report.path("measurement").asString(""), report.path("debug").asBoolean(true),
        reportData, Map.of());
  }
}
