package io.spillover.it;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.keyservice.KeyServiceClient;
import io.spillover.attest.seal.AttestedFunction;
import io.spillover.function.FunctionApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * The confidential function twin: a sealed-only digest service. Its settings come from the
 * function's environment, as a real deployment would pass them: the key service URL, the pinned
 * key service verify keyset, and (for the development simulator) the simulated TEE's signing key
 * and measurement. Nothing secret exists until the first sealed call makes it attest.
 */
public final class ConfidentialTwin {
  /** The service, and the function's name at the key service. */
  public static final String SERVICE = "secret-digest";
  public static final String KEY_SERVICE_URL = "SPILLOVER_KEY_SERVICE_URL";
  public static final String KEY_SERVICE_VERIFY_KEYSET = "SPILLOVER_KEY_SERVICE_VERIFY_KEYSET";
  public static final String DEV_TEE_KEY = "SPILLOVER_DEV_TEE_KEY";
  public static final String DEV_TEE_MEASUREMENT = "SPILLOVER_DEV_TEE_MEASUREMENT";

  /** A text only attested code may read. */
  public record Secret(String text) {}

  /** Its digest, the pid of the JVM that computed it, and whether that JVM had attested. */
  public record Digest(String sha256, long pid, boolean attested) {}

  private ConfidentialTwin() {}

  /** The app of a function instance, configured by its environment variables. */
  public static FunctionApp fromEnvironment() {
    return create(name -> {
      String value = System.getenv(name);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("environment variable " + name + " is not set");
      }
      return value;
    });
  }

  static FunctionApp create(UnaryOperator<String> env) {
    try {
      SignatureConfig.register();
      KeysetHandle verify = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(
          Files.readString(Path.of(env.apply(KEY_SERVICE_VERIFY_KEYSET)), StandardCharsets.UTF_8));
      KeyServiceClient client = KeyServiceClient.builder().baseUrl(env.apply(KEY_SERVICE_URL))
          .keyServiceVerifyKeyset(verify).build();
      DevEvidenceSource tee = DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT)
          .signingKey(DevEvidenceKeys.read(Path.of(env.apply(DEV_TEE_KEY))))
          .measurement(HexFormat.of().parseHex(env.apply(DEV_TEE_MEASUREMENT))).build();
      AttestedFunction attested = AttestedFunction.builder().function(SERVICE).keyService(client)
          .evidenceSource(tee).build();
      return FunctionApp.builder().sealedCallOpener(attested)
          .handle(SERVICE, Secret.class, Digest.class, s -> new Digest(sha256(s.text()),
              ProcessHandle.current().pid(), attested.isAttested()))
          .sealedOnly(SERVICE).build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot configure the confidential twin", e);
    }
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
