package io.spillover.it;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.keyservice.KeyServiceClient;
import io.spillover.attest.seal.AttestedFunction;
import io.spillover.aws.SpilloverLambdaHandler;
import io.spillover.function.FunctionApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A sealed-only triage twin for the wire-tap tests: its answer carries a recognisable canary, and
 * a negative pulse makes its handler throw with the patient's name in the message. Configured
 * from the function's environment like {@link ConfidentialTwin}; it attests as {@link #FUNCTION}.
 */
public final class CanaryTwin {
  /** The function's name at the key service. */
  public static final String FUNCTION = "canary";
  public static final String SERVICE = "triage";
  /** A value only the twin's answers carry. */
  public static final String DIAGNOSIS = "DX-CANARY-sepsis";

  /** What the twin reads. */
  public record Vitals(String patient, int pulse) {}

  /** What a caller with a drifted schema sends: the twin cannot decode it. */
  public record LooseVitals(String patient, String pulse) {}

  /** The answer. */
  public record Triage(String diagnosis) {}

  private CanaryTwin() {}

  static FunctionApp fromEnvironment() {
    try {
      SignatureConfig.register();
      KeysetHandle verify = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(Files.readString(
          Path.of(env(ConfidentialTwin.KEY_SERVICE_VERIFY_KEYSET)), StandardCharsets.UTF_8));
      KeyServiceClient client = KeyServiceClient.builder()
          .baseUrl(env(ConfidentialTwin.KEY_SERVICE_URL)).keyServiceVerifyKeyset(verify).build();
      DevEvidenceSource tee = DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT)
          .signingKey(DevEvidenceKeys.read(Path.of(env(ConfidentialTwin.DEV_TEE_KEY))))
          .measurement(HexFormat.of().parseHex(env(ConfidentialTwin.DEV_TEE_MEASUREMENT)))
          .build();
      AttestedFunction attested = AttestedFunction.builder().function(FUNCTION)
          .keyService(client).evidenceSource(tee).build();
      return FunctionApp.builder().sealedCallOpener(attested)
          .handle(SERVICE, Vitals.class, Triage.class, v -> {
            if (v.pulse() < 0) {
              throw new IllegalArgumentException("no triage for patient " + v.patient());
            }
            return new Triage(DIAGNOSIS + " for " + v.patient());
          }).sealedOnly(SERVICE).build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot configure the canary twin", e);
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }

  /** The twin as a Lambda handler; the app is built on the first request. */
  public static final class Handler extends SpilloverLambdaHandler {
    public Handler() {
      super(CanaryTwin::fromEnvironment);
    }
  }
}
