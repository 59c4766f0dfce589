package io.spillover.cli.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.config.TinkConfig2026;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.KeyServiceClient;
import io.spillover.attest.keyservice.ReleasedKeys;
import io.spillover.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyServiceCommandTest {
  private static final String MEASUREMENT = "5e".repeat(48);
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  @TempDir Path dir;

  private void writePublic(String name, KeysetHandle keyset) throws Exception {
    Files.writeString(dir.resolve(name),
        TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset, TinkConfig2026.get()));
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

  private void writeKeys() throws Exception {
    DevEvidenceKeys.writePublic(DevEvidenceKeys.generate().getPublic(),
        dir.resolve("dev-tee.pub.pem"));
    writePublic("frontend.pub.json", CallerIdentity.generate("frontend").publicKeyset());
  }

  @Test
  void startsFromAJsonConfigAndServesAttestedInstancesAndCallersUntilStopped() throws Exception {
    // a production deployment (the default) that explicitly allows the simulator
    KeyPair tee = DevEvidenceKeys.generate();
    DevEvidenceKeys.write(tee, dir.resolve("dev-tee.pem"));
    DevEvidenceKeys.writePublic(tee.getPublic(), dir.resolve("dev-tee.pub.pem"));
    CallerIdentity frontend = CallerIdentity.generate("frontend");
    writePublic("frontend.pub.json", frontend.publicKeyset());

    try (Cli.Running service = Cli.start("keyservice", "--config",
        writeConfig(true).toString())) {
      String printed = service.awaitOut("clients pin the verify keyset at");
      assertThat(printed).contains("listening on http://")
          .contains("development evidence is accepted");
      Matcher uri = LISTENING.matcher(printed);
      assertThat(uri.find()).isTrue();
      KeysetHandle pinned = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(
          Files.readString(dir.resolve("keys/keyservice-verify.json")), TinkConfig2026.get());
      KeyServiceClient client = KeyServiceClient.builder().baseUrl(uri.group(1))
          .keyServiceVerifyKeyset(pinned).build();
      DevEvidenceSource worker = DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT)
          .signingKey(DevEvidenceKeys.read(dir.resolve("dev-tee.pem")))
          .measurement(HexFormat.of().parseHex(MEASUREMENT)).build();
      ReleasedKeys keys = client.attest("compose", worker);
      assertThat(keys.dataKeys()).containsOnlyKeys("model");
      assertThat(client.publicKeyset("compose", frontend).primaryKeyId())
          .isEqualTo(keys.privateKeyset().getPrimary().getId());

      assertThat(service.stop()).isZero();
    }
    assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isTrue();
    assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("KEY_ROTATION")
        .contains("KEY_RELEASE");
  }

  @Test
  void usageAndConfigErrorsExitTwo() throws Exception {
    Cli.Result missing = Cli.run("keyservice", "--config", dir.resolve("none.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("none.json").contains("Usage: spillover keyservice");
    Files.writeString(dir.resolve("bad.json"), "{\"keyDirectory\":\"k\",\"masterKeyset\":\"m\","
        + "\"functions\":{\"f\":{\"allowedMeasurements\":[\"" + MEASUREMENT + "\"],"
        + "\"callers\":[\"nobody\"]}}}");

    Cli.Result bad = Cli.run("keyservice", "-c", dir.resolve("bad.json").toString());

    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("names caller 'nobody', which is not registered");
    assertThat(bad.out()).isEmpty();
  }

  @Test
  void aProductionDeploymentRefusesTheSimulatorUnlessExplicitlyAllowed() throws Exception {
    writeKeys();
    assertThat(Deployment.current()).isEqualTo(Deployment.PRODUCTION);

    Cli.Result r = Cli.run("keyservice", "--config", writeConfig(false).toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("spillover keyservice: cannot start")
        .contains("DevEvidenceVerifier is a simulator and is refused in production");
  }

  @Test
  void aTypoInAFunctionPolicyIsAnErrorNotAWeakerPolicy() throws Exception {
    Files.writeString(dir.resolve("typo.json"), "{\"keyDirectory\":\"k\",\"masterKeyset\":\"m\","
        + "\"functions\":{\"f\":{\"allowedMeasurements\":[\"" + MEASUREMENT + "\"],"
        + "\"allowDebugg\":false}}}");

    Cli.Result r = Cli.run("keyservice", "-c", dir.resolve("typo.json").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'functions.f.allowDebugg' is not a known key of functions.f");
  }

  @Test
  void aSecondServiceOnTheSameAuditLogDoesNotStart() throws Exception {
    writeKeys();
    String config = writeConfig(true).toString();
    try (Cli.Running first = Cli.start("keyservice", "--config", config)) {
      first.awaitOut("listening on");

      Cli.Result second = Cli.run("keyservice", "--config", config);

      assertThat(second.code()).isEqualTo(1);
      assertThat(second.err()).contains("cannot start").contains("another writer");
      assertThat(first.stop()).isZero();
    }
    assertThat(AuditLog.verify(dir.resolve("audit.jsonl")).valid()).isTrue();
  }
}
