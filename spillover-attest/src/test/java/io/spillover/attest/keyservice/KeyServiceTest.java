package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.audit.AuditVerification;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.evidence.EvidenceSource;
import io.spillover.attest.internal.Tinks;
import io.spillover.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyServiceTest {
  @TempDir Path dir;
  private KeyServiceFixture ks;

  @BeforeEach
  void start() throws Exception {
    ks = new KeyServiceFixture(dir);
  }

  @AfterEach
  void stop() {
    ks.close();
  }

  @Test
  void attestedInstanceReceivesItsKeysAndGrantedDataKey() throws Exception {
    ReleasedKeys keys = ks.client.attest("compose", ks.tee);
    assertThat(keys.function()).isEqualTo("compose");
    assertThat(keys.callerVerifyKeysets()).containsOnlyKeys("frontend");
    assertThat(keys.privateKeyset().getPrimary().getId())
        .isEqualTo(ks.client.publicKeyset("compose", ks.frontend).primaryKeyId());
    Aead model = Tinks.primitive(keys.dataKeys().get("model"), Aead.class);
    assertThat(model.decrypt(model.encrypt(new byte[] {1}, new byte[0]), new byte[0]))
        .containsExactly(1);
  }

  @Test
  void nonceIsSingleUse() {
    byte[] nonce = ks.client.nonce();
    ks.client.attest("compose", nonce, ks.tee);
    assertThatThrownBy(() -> ks.client.attest("compose", nonce, ks.tee))
        .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
            .isEqualTo(403)).hasMessageContaining("nonce unknown, expired or already used");
  }

  @Test
  void expiredOrUnissuedNonceIsRefused() {
    byte[] nonce = ks.client.nonce();
    ks.clock.advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> ks.client.attest("compose", nonce, ks.tee))
        .hasMessageContaining("nonce unknown, expired or already used");
    assertThatThrownBy(() -> ks.client.attest("compose", new byte[32], ks.tee))
        .hasMessageContaining("nonce unknown");
  }

  @Test
  void evidenceNotBindingTheEphemeralKeyAndNonceIsRefusedAndBurnsTheNonce() {
    byte[] nonce = ks.client.nonce();
    EvidenceSource lying = KeyServiceFixture.replaying(ks.tee.fetch(new byte[64]));
    assertThatThrownBy(() -> ks.client.attest("compose", nonce, lying))
        .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
            .isEqualTo(403))
        .hasMessageContaining("evidence rejected: dev evidence: report data does not match");
    assertThatThrownBy(() -> ks.client.attest("compose", nonce, ks.tee))
        .hasMessageContaining("nonce unknown, expired or already used");
  }

  @Test
  void wrongMeasurementDebugTeeAndForeignSimulatorAreRefused() {
    assertThatThrownBy(() -> ks.client.attest("compose", ks.tee("ff".repeat(48), false,
        ks.teeKey))).hasMessageContaining("measurement " + "ff".repeat(48) + " is not allowed");
    assertThatThrownBy(() -> ks.client.attest("compose",
        ks.tee(KeyServiceFixture.MEASUREMENT, true, ks.teeKey)))
        .hasMessageContaining("debuggable environment; policy refuses debug");
    var foreign = ks.tee(KeyServiceFixture.MEASUREMENT, false, DevEvidenceKeys.generate());
    assertThatThrownBy(() -> ks.client.attest("compose", foreign))
        .hasMessageContaining("not signed by a trusted simulator key");
    assertThatThrownBy(() -> ks.client.attest("unknown", ks.tee))
        .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
            .isEqualTo(404));
  }

  @Test
  void staleDevEvidenceIsRefused() {
    DevEvidenceSource lagging = DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT)
        .signingKey(ks.teeKey).measurement(HexFormat.of().parseHex(KeyServiceFixture.MEASUREMENT))
        .clock(Clock.fixed(Instant.ofEpochMilli(KeyServiceFixture.T0).minus(Duration.ofMinutes(6)),
            ZoneOffset.UTC)).build();
    assertThatThrownBy(() -> ks.client.attest("compose", lagging))
        .hasMessageContaining("is older than PT5M");
  }

  @Test
  void publicKeysetOnlyForCallersInTheFunctionsAcl() {
    assertThat(ks.client.publicKeyset("compose", ks.frontend).function()).isEqualTo("compose");
    assertThatThrownBy(() -> ks.client.publicKeyset("compose", ks.reporting))
        .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
            .isEqualTo(403)).hasMessageContaining("not in the ACL");
    assertThatThrownBy(() -> ks.client.publicKeyset("compose", CallerIdentity.generate("ghost")))
        .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
            .isEqualTo(401));
    CallerIdentity impostor = CallerIdentity.generate("frontend");
    assertThatThrownBy(() -> ks.client.publicKeyset("compose", impostor))
        .hasMessageContaining("does not verify");
  }

  @Test
  void staleSignedRequestIsRefused() {
    io.spillover.testing.ManualClock behind = new io.spillover.testing.ManualClock(
        KeyServiceFixture.T0 - Duration.ofMinutes(5).toMillis());
    KeyServiceClient lagging = KeyServiceClient.builder().baseUrl(ks.service.uri().toString())
        .keyServiceVerifyKeyset(ks.service.verifyKeyset()).clock(behind).build();
    assertThatThrownBy(() -> lagging.publicKeyset("compose", ks.frontend))
        .hasMessageContaining("timestamp outside the allowed skew");
  }

  @Test
  void answersNotSignedByThePinnedServiceAreRejected() throws Exception {
    var otherService = Tinks.generate(PredefinedSignatureParameters.ECDSA_P256)
        .getPublicKeysetHandle();
    KeyServiceClient misled = ks.client(otherService);
    assertThatThrownBy(() -> misled.publicKeyset("compose", ks.frontend))
        .hasMessageContaining("not signed by the pinned key service");
    assertThatThrownBy(() -> misled.attest("compose", ks.tee))
        .hasMessageContaining("not signed by the pinned key service");
  }

  @Test
  void everyReleaseAndRefusalIsInTheVerifiableAuditLog() throws Exception {
    ks.client.attest("compose", ks.tee);
    assertThatThrownBy(() -> ks.client.attest("compose", new byte[32], ks.tee));
    AuditVerification v = AuditLog.verify(ks.auditFile);
    assertThat(v.valid()).isTrue();
    String log = Files.readString(ks.auditFile, StandardCharsets.UTF_8);
    assertThat(log).contains("\"kind\":\"KEY_RELEASE\"").contains("\"kind\":\"KEY_RELEASE_REFUSED\"")
        .contains("\"measurement\":\"" + KeyServiceFixture.MEASUREMENT + "\"");
  }

  @Test
  void keysetsAtRestAreEncryptedAndSurviveARestart() throws Exception {
    String stored = Files.readString(dir.resolve("keys/functions/compose.hpke.keyset.json"));
    assertThat(stored).contains("encryptedKeyset").doesNotContain("\"keyData\"");
    int keyId = ks.client.publicKeyset("compose", ks.frontend).primaryKeyId();
    ks.close();
    try (KeyService again = KeyService.builder().config(ks.config().build()).clock(ks.clock)
        .deployment(Deployment.DEVELOPMENT).start()) {
      KeyServiceClient client = KeyServiceClient.builder().baseUrl(again.uri().toString())
          .keyServiceVerifyKeyset(ks.service.verifyKeyset()).clock(ks.clock).build();
      assertThat(client.publicKeyset("compose", ks.frontend).primaryKeyId()).isEqualTo(keyId);
    }
    Files.delete(dir.resolve("keys/master.json"));
    assertThatThrownBy(() -> KeyService.builder().config(ks.config().build())
        .deployment(Deployment.DEVELOPMENT).start())
        .isInstanceOf(java.security.GeneralSecurityException.class);
    ks = new KeyServiceFixture(dir.resolve("fresh"));
  }

  @Test
  void refusalsFromOneSourceAreAuditedOncePerWindowWithACount() throws Exception {
    for (int i = 0; i < 40; i++) { // anyone who can reach the service can send these
      assertThatThrownBy(() -> ks.client.attest("compose", new byte[32], ks.tee))
          .hasMessageContaining("nonce unknown");
    }
    String log = Files.readString(ks.auditFile, StandardCharsets.UTF_8);
    assertThat(log.split("\"kind\":\"KEY_RELEASE_REFUSED\"", -1)).hasSize(2);
    assertThat(log).contains("\"source\":\"127.0.0.1\"");
    ks.clock.advance(Duration.ofSeconds(61)); // the window (60 s by default) ends
    assertThatThrownBy(() -> ks.client.attest("compose", new byte[32], ks.tee));
    log = Files.readString(ks.auditFile, StandardCharsets.UTF_8);
    assertThat(log).contains("\"kind\":\"KEY_RELEASE_REFUSED_REPEATED\"")
        .contains("\"repeats\":\"39\"");
    assertThat(log.split("\"kind\":\"KEY_RELEASE_REFUSED\"", -1)).hasSize(3);
    assertThat(AuditLog.verify(ks.auditFile).valid()).isTrue();
  }
}
