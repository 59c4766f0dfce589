package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.seal.AttestedFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Granted data keys: function "infer" grants "model-a" to frontend and reporting, "model-b" to
 * reporting only. An attested instance asks per (caller, key) with fresh evidence; the key
 * service is the authority, signs its refusals and audits both outcomes with the instance.
 */
class GrantedDataKeyTest {
  @TempDir Path dir;
  private KeyServiceFixture ks;

  @BeforeEach
  void start() throws Exception {
    ks = new KeyServiceFixture(dir, b -> b.function("infer", FunctionPolicy.builder()
        .allowMeasurement(KeyServiceFixture.MEASUREMENT)
        .callers(List.of("frontend", "reporting"))
        .grant("model-a", List.of("frontend", "reporting"))
        .grant("model-b", List.of("reporting")).build()));
  }

  @AfterEach
  void stop() {
    ks.close();
  }

  private List<String> audit(String kind) throws Exception {
    return Files.readAllLines(ks.auditFile).stream()
        .filter(l -> l.contains("\"kind\":\"" + kind + "\"")).toList();
  }

  @Test
  void aGrantedCallerGetsTheKeyAndEveryGranteeAndTheAuditNamesTheInstance() throws Exception {
    KeysetHandle instance = KeyServiceClient.newInstanceKey();
    ks.client.attest("infer", instance, ks.tee);
    GrantedDataKey key = ks.client.dataKey("infer", "model-a", "frontend", instance, ks.tee);
    assertThat(key.name()).isEqualTo("model-a");
    assertThat(key.grantees()).containsExactlyInAnyOrder("frontend", "reporting");
    byte[] sealedByOperator = ks.service.dataKey("model-a").encrypt(
        "weights".getBytes(StandardCharsets.UTF_8), new byte[0]);
    assertThat(key.aead().decrypt(sealedByOperator, new byte[0]))
        .isEqualTo("weights".getBytes(StandardCharsets.UTF_8));
    String instanceKey = audit("KEY_RELEASE").get(0).replaceAll(".*\"instanceKey\":\"(\\w+)\".*",
        "$1");
    assertThat(audit("DATA_KEY_RELEASE")).singleElement().satisfies(r -> assertThat(r)
        .contains("\"dataKey\":\"model-a\"").contains("\"caller\":\"frontend\"")
        .contains("\"instanceKey\":\"" + instanceKey + "\""));
    assertThat(AuditLog.verify(ks.auditFile).valid()).isTrue();
  }

  @Test
  void aCallerNotGrantedIsRefusedWithASignedAnswerAuditedAndNoKey() throws Exception {
    KeysetHandle instance = KeyServiceClient.newInstanceKey();
    assertThatThrownBy(() -> ks.client.dataKey("infer", "model-b", "frontend", instance, ks.tee))
        .isInstanceOfSatisfying(DataKeyNotGrantedException.class, e -> {
          assertThat(e.dataKey()).isEqualTo("model-b");
          assertThat(e.caller()).isEqualTo("frontend");
        });
    assertThat(audit("DATA_KEY_REFUSED")).singleElement().satisfies(r -> assertThat(r)
        .contains("\"dataKey\":\"model-b\"").contains("\"caller\":\"frontend\""));
    assertThat(audit("DATA_KEY_RELEASE")).isEmpty();
  }

  @Test
  void aRefusalNotSignedByThePinnedServiceIsNotTakenForTheAuthoritysAnswer() throws Exception {
    KeyServiceClient pinnedElsewhere = ks.client(Tinks.generate(
        PredefinedSignatureParameters.ECDSA_P256).getPublicKeysetHandle());
    assertThatThrownBy(() -> pinnedElsewhere.dataKey("infer", "model-b", "frontend",
        KeyServiceClient.newInstanceKey(), ks.tee))
        .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
            .isEqualTo(403)).hasMessageContaining("not signed by the pinned key service");
  }

  @Test
  void aDebuggableOrForeignInstanceGetsNoDataKeyEvenForAGrantedCaller() throws Exception {
    DevEvidenceSource debug = ks.tee(KeyServiceFixture.MEASUREMENT, true, ks.teeKey);
    DevEvidenceSource foreign = ks.tee("badc0de0".repeat(12), false, ks.teeKey);
    for (DevEvidenceSource tee : List.of(debug, foreign)) {
      assertThatThrownBy(() -> ks.client.dataKey("infer", "model-a", "frontend",
          KeyServiceClient.newInstanceKey(), tee))
          .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
              .isEqualTo(403));
    }
    assertThat(audit("DATA_KEY_RELEASE")).isEmpty();
    // the second is counted into the first refusal's window (same source, function, cause)
    assertThat(audit("KEY_RELEASE_REFUSED")).singleElement()
        .satisfies(r -> assertThat(r).contains("debuggable"));
  }

  @Test
  void aKeyTheFunctionDoesNotGrantIsUnknownEvenWhenAnotherFunctionHasIt() {
    for (String name : List.of("model-c", "model")) {
      assertThatThrownBy(() -> ks.client.dataKey("infer", name, "frontend",
          KeyServiceClient.newInstanceKey(), ks.tee))
          .isInstanceOfSatisfying(KeyServiceException.class, e -> assertThat(e.status())
              .isEqualTo(404)).hasMessageContaining("grants no data key '" + name + "'");
    }
  }

  @Test
  void anAttestedFunctionAsksWithTheKeyItAttestedWithSoTheAuditLinksBoth() throws Exception {
    AttestedFunction attested = AttestedFunction.builder().function("infer")
        .keyService(ks.client).evidenceSource(ks.tee).clock(ks.clock).build();
    Aead modelB = attested.grantedDataKey("model-b", "reporting").aead();
    assertThat(modelB.decrypt(ks.service.dataKey("model-b").encrypt(new byte[] {7},
        new byte[0]), new byte[0])).containsExactly(7);
    assertThat(attested.isAttested()).isTrue();
    String instanceKey = audit("KEY_RELEASE").get(0).replaceAll(".*\"instanceKey\":\"(\\w+)\".*",
        "$1");
    assertThat(audit("DATA_KEY_RELEASE")).singleElement()
        .satisfies(r -> assertThat(r).contains("\"instanceKey\":\"" + instanceKey + "\""));
    assertThatThrownBy(() -> attested.grantedDataKey("model-b", "frontend"))
        .isInstanceOf(DataKeyNotGrantedException.class);
  }
}
