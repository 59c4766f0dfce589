package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.seal.internal.Tinks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyServiceMainTest {
  private static final String MEASUREMENT = "5e".repeat(48);
  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private void writePublic(String name, KeysetHandle keyset) throws Exception {
    Files.writeString(dir.resolve(name),
        TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset, Tinks.CONFIG));
  }

  private Path writeConfig(boolean devInProduction) throws Exception {
    Path config = dir.resolve("keyservice.json");
    Files.writeString(config, """
        {
          "bind": "127.0.0.1", "port": 0,
          "keyDirectory": "keys", "masterKeyset": "keys/master.json", "createMissingKeys": true,
          "nonceTtlSeconds": 30, "maxNonces": 100, "auditLog": "audit.jsonl",
          "devEvidence": { "trustedKey": "dev-tee.pub.pem", "allowInProduction": %s },
          "callers": { "frontend": { "verifyKeyset": "frontend.pub.json" } },
          "functions": {
            "compose": { "allowedMeasurements": ["%s"], "callers": ["frontend"],
                         "dataKeys": ["model"], "platforms": ["dev"] }
          }
        }
        """.formatted(devInProduction, MEASUREMENT));
    return config;
  }

  @Test
  void startsFromAJsonConfigAndServesAttestedInstancesAndCallers() throws Exception {
    // a production deployment (the default) that explicitly allows the simulator
    KeyPair tee = DevEvidenceKeys.generate();
    DevEvidenceKeys.write(tee, dir.resolve("dev-tee.pem"));
    DevEvidenceKeys.writePublic(tee.getPublic(), dir.resolve("dev-tee.pub.pem"));
    CallerIdentity frontend = CallerIdentity.generate("frontend");
    writePublic("frontend.pub.json", frontend.publicKeyset());
    KeyServiceMain.Started started =
        KeyServiceMain.start(new String[] {"--config", writeConfig(true).toString()}, out);
    try (KeyService service = started.service()) {
      assertThat(service).as(printed.toString(StandardCharsets.UTF_8)).isNotNull();
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("listening on http://")
          .contains("development evidence is accepted");
      KeysetHandle pinned = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(
          Files.readString(dir.resolve("keys/keyservice-verify.json")), Tinks.CONFIG);
      KeyServiceClient client = KeyServiceClient.builder().baseUrl(service.uri().toString())
          .keyServiceVerifyKeyset(pinned).build();
      DevEvidenceSource worker = DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT)
          .signingKey(DevEvidenceKeys.read(dir.resolve("dev-tee.pem")))
          .measurement(HexFormat.of().parseHex(MEASUREMENT)).build();
      ReleasedKeys keys = client.attest("compose", worker);
      assertThat(keys.dataKeys()).containsOnlyKeys("model");
      assertThat(client.publicKeyset("compose", frontend).primaryKeyId())
          .isEqualTo(keys.privateKeyset().getPrimary().getId());
    }
    assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isTrue();
    assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("KEY_ROTATION")
        .contains("KEY_RELEASE");
  }

  @Test
  void usageAndConfigErrors() throws Exception {
    assertThat(KeyServiceMain.start(new String[] {"--help"}, out).status()).isZero();
    assertThat(KeyServiceMain.start(new String[] {"--bogus"}, out).status()).isEqualTo(2);
    assertThat(KeyServiceMain.run(new String[] {"--config", dir.resolve("none.json").toString()},
        out)).isEqualTo(2);
    Files.writeString(dir.resolve("bad.json"), "{\"keyDirectory\":\"k\",\"masterKeyset\":\"m\","
        + "\"functions\":{\"f\":{\"allowedMeasurements\":[\"" + MEASUREMENT + "\"],\"callers\":[\"nobody\"]}}}");
    assertThat(KeyServiceMain.run(new String[] {"-c", dir.resolve("bad.json").toString()}, out))
        .isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("names caller 'nobody', which is not registered");
    assertThatThrownBy(() -> KeyServiceConfig.builder().keyDirectory(dir).build())
        .hasMessageContaining("masterKeyset");
  }

  @Test
  void aProductionDeploymentRefusesTheSimulatorUnlessExplicitlyAllowed() throws Exception {
    DevEvidenceKeys.writePublic(DevEvidenceKeys.generate().getPublic(),
        dir.resolve("dev-tee.pub.pem"));
    writePublic("frontend.pub.json", CallerIdentity.generate("frontend").publicKeyset());
    assertThat(Deployment.current()).isEqualTo(Deployment.PRODUCTION);
    assertThat(KeyServiceMain.run(new String[] {"--config", writeConfig(false).toString()}, out))
        .isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cannot start")
        .contains("DevEvidenceVerifier is a simulator and is refused in production");
  }

  @Test
  void aTypoInAFunctionPolicyIsAnErrorNotAWeakerPolicy() throws Exception {
    Files.writeString(dir.resolve("typo.json"), "{\"keyDirectory\":\"k\",\"masterKeyset\":\"m\","
        + "\"functions\":{\"f\":{\"allowedMeasurements\":[\"" + MEASUREMENT + "\"],"
        + "\"allowDebugg\":false}}}");
    assertThat(KeyServiceMain.run(new String[] {"-c", dir.resolve("typo.json").toString()}, out))
        .isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("'functions.f.allowDebugg' is not a known key of functions.f");
  }

  @Test
  void aSecondServiceOnTheSameAuditLogDoesNotStart() throws Exception {
    DevEvidenceKeys.writePublic(DevEvidenceKeys.generate().getPublic(),
        dir.resolve("dev-tee.pub.pem"));
    writePublic("frontend.pub.json", CallerIdentity.generate("frontend").publicKeyset());
    String[] args = {"--config", writeConfig(true).toString()};
    KeyServiceMain.Started first = KeyServiceMain.start(args, out);
    try (KeyService service = first.service()) {
      assertThat(service).as(printed.toString(StandardCharsets.UTF_8)).isNotNull();
      KeyServiceMain.Started second = KeyServiceMain.start(args, out);
      if (second.service() != null) {
        second.service().close();
      }
      assertThat(second.status()).isEqualTo(1);
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cannot start")
          .contains("another writer");
    }
    assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isTrue();
  }
}
