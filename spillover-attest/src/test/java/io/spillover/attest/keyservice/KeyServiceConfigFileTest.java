package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.internal.Tinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key service's config file is strict: a wrong type or an unknown key is an error naming the
 * key, so the service does not start ({@code spillover keyservice} exits 2).
 */
class KeyServiceConfigFileTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MEASUREMENT = "5e".repeat(48);
  private static final String BASE = """
      {
        "bind": "127.0.0.1", "port": 0, "threads": 2,
        "keyDirectory": "keys", "masterKeyset": "keys/master.json", "createMissingKeys": true,
        "nonceTtlSeconds": 30, "maxNonces": 100, "requestSkewSeconds": 60,
        "auditLog": "audit.jsonl",
        "devEvidence": { "trustedKey": "dev-tee.pub.pem", "allowInProduction": true },
        "callers": { "frontend": { "verifyKeyset": "frontend.pub.json" } },
        "functions": {
          "compose": { "allowedMeasurements": ["%s"], "callers": ["frontend"],
                       "dataKeys": ["model"], "platforms": ["dev"],
                       "minimumSnpTcb": { "bootloader": 3, "tee": 0, "snp": 8, "microcode": 115 },
                       "maxEvidenceAgeSeconds": 300 }
        }
      }
      """.formatted(MEASUREMENT);

  @TempDir Path dir;

  @BeforeEach
  void keyFiles() throws Exception {
    DevEvidenceKeys.writePublic(DevEvidenceKeys.generate().getPublic(),
        dir.resolve("dev-tee.pub.pem"));
    Files.writeString(dir.resolve("frontend.pub.json"),
        TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
            CallerIdentity.generate("frontend").publicKeyset(), Tinks.CONFIG));
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        // a string where a list belongs used to mean "any platform, the simulator included"
        mistake("functions.compose.platforms", c -> fn(c).put("platforms", "sev-snp")),
        // a string where the TLS object belongs used to serve plain HTTP
        mistake("tls", c -> c.put("tls", "keyservice.p12")),
        mistake("tls.password", c -> c.putObject("tls").put("keyStore", "ks.p12")
            .put("password", 1234)),
        mistake("tls.keystore", c -> c.putObject("tls").put("keyStore", "ks.p12")
            .put("password", "changeit").put("keystore", "typo.p12")),
        mistake("port", c -> c.put("port", "8700")),
        mistake("threads", c -> c.put("threads", 4.5)),
        mistake("createMissingKeys", c -> c.put("createMissingKeys", "true")),
        mistake("nonceTtlSeconds", c -> c.put("nonceTtlSeconds", -5)),
        mistake("thread", c -> c.put("thread", 4)),
        mistake("callers.frontend.verifyKeyst", c -> ((ObjectNode) c.get("callers")
            .get("frontend")).put("verifyKeyst", "x.json")),
        mistake("functions.compose.minimumSnpTcb.microcod", c -> ((ObjectNode) fn(c)
            .get("minimumSnpTcb")).put("microcod", 1)),
        mistake("functions.compose.allowDebug", c -> fn(c).put("allowDebug", "false")),
        mistake("functions.compose.maxEvidenceAgeSeconds",
            c -> fn(c).put("maxEvidenceAgeSeconds", "300")),
        mistake("functions.compose.callers[1]", c -> fn(c).putArray("callers")
            .add("frontend").add(3)),
        mistake("functions", c -> c.putArray("functions")),
        mistake("functions.compose.grants.model-a",
            c -> fn(c).putObject("grants").put("model-a", "frontend")),
        // a grant to a caller the function does not admit could never be used: a typo
        mistake("functions.compose.grants",
            c -> fn(c).putObject("grants").putArray("model-a").add("fronted")),
        // granted and also released to every instance: the grant would restrict nothing
        mistake("functions.compose.grants",
            c -> fn(c).putObject("grants").putArray("model").add("frontend")),
        mistake("devEvidence", c -> c.put("devEvidence", "dev-tee.pub.pem")),
        mistake("devEvidence.trustedkey", c -> c.putObject("devEvidence")
            .put("trustedKey", "dev-tee.pub.pem").put("trustedkey", "other.pem")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aWrongTypeOrUnknownKeyIsAStartupErrorNamingTheKey(String key, Consumer<ObjectNode> change)
      throws Exception {
    ObjectNode config = (ObjectNode) JSON.readTree(BASE);
    change.accept(config);
    assertRefused(Files.writeString(dir.resolve("keyservice.json"), config.toString()), key);
  }

  @Test
  void aDuplicateKeyIsAStartupError() throws Exception {
    // with "last one wins" the second, empty list would allow every platform
    String text = BASE.replace("\"platforms\": [\"dev\"]",
        "\"platforms\": [\"dev\"], \"platforms\": []");
    assertThat(text).isNotEqualTo(BASE);
    assertRefused(Files.writeString(dir.resolve("keyservice.json"), text),
        "functions.compose.platforms");
  }

  @Test
  void theErrorIsTypedAndCarriesTheKey() throws Exception {
    ObjectNode config = (ObjectNode) JSON.readTree(BASE);
    fn(config).put("platforms", "sev-snp");
    Path file = Files.writeString(dir.resolve("keyservice.json"), config.toString());
    KeyServiceConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        KeyServiceConfigException.class, () -> KeyServiceConfig.fromJson(file));
    assertThat(e.key()).isEqualTo("functions.compose.platforms");
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.getMessage()).contains("functions.compose.platforms")
        .contains("must be a list of strings");
  }

  @Test
  void everyDocumentedKeyIsAccepted() throws Exception {
    ObjectNode config = (ObjectNode) JSON.readTree(BASE);
    config.putObject("tls").put("keyStore", "ks.p12").put("passwordEnv", "HOME")
        .put("type", "PKCS12");
    config.put("maxConnections", 64).put("idleTimeoutSeconds", 10)
        .put("maxRequestHeaderBytes", 4096).put("maxRequestBodyBytes", 65536)
        .put("refusalAuditWindowSeconds", 30).put("refusalAuditMaxSources", 16);
    fn(config).putArray("acceptedTcbStatuses").add("UpToDate").add("SWHardeningNeeded");
    fn(config).put("allowDebug", false);
    fn(config).putObject("grants").putArray("model-a").add("frontend");
    Path file = Files.writeString(dir.resolve("keyservice.json"), config.toString());
    KeyServiceConfig parsed = KeyServiceConfig.fromJson(file);
    assertThat(parsed.tls()).isPresent();
    assertThat(parsed.maxConnections()).isEqualTo(64);
    assertThat(parsed.idleTimeout()).hasSeconds(10);
    assertThat(parsed.maxRequestHeaderBytes()).isEqualTo(4096);
    assertThat(parsed.maxRequestBodyBytes()).isEqualTo(65536);
    assertThat(parsed.refusalAuditWindow()).hasSeconds(30);
    assertThat(parsed.refusalAuditMaxSources()).isEqualTo(16);
    assertThat(parsed.functions().get("compose").platforms()).hasSize(1);
    assertThat(parsed.functions().get("compose").grants())
        .isEqualTo(java.util.Map.of("model-a", java.util.Set.of("frontend")));
  }

  private static void assertRefused(Path file, String key) {
    assertThatThrownBy(() -> KeyServiceConfig.fromJson(file))
        .isInstanceOf(KeyServiceConfigException.class).hasMessageContaining("'" + key + "'");
  }

  private static ObjectNode fn(ObjectNode config) {
    return (ObjectNode) config.get("functions").get("compose");
  }

  private static Arguments mistake(String key, Consumer<ObjectNode> change) {
    return Arguments.of(key, change);
  }
}
