package io.spillover.samples.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.spillover.samples.inference.Vitals;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The three models: what they answer, their sizes, and their sealed artifacts. */
class ModelsTest {
  private static final Vitals SEPTIC = new Vitals(120, 90, 38.8, 89);
  private static final Vitals WELL = new Vitals(75, 118, 36.8, 98);

  private static Aead key() throws Exception {
    AeadConfig.register();
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  @Test
  void theModelsAnswerTheTextbookCases() {
    Model triage = ModelCatalog.reference("triage");
    assertThat(triage.predict(WELL).label()).isEqualTo("low");
    assertThat(triage.predict(new Vitals(98, 136, 37.8, 95)).label()).isEqualTo("medium");
    assertThat(triage.predict(SEPTIC).label()).isEqualTo("high");
    Model sepsis = ModelCatalog.reference("sepsis");
    assertThat(sepsis.predict(SEPTIC).label()).isEqualTo("sepsis-likely");
    assertThat(sepsis.predict(WELL).label()).isEqualTo("sepsis-unlikely");
    Model.Result readmission = ModelCatalog.reference("readmission").predict(SEPTIC);
    assertThat(readmission.label()).isIn("readmit", "no-readmit");
    assertThat(readmission.score()).isBetween(0.5, 1.0);
  }

  @Test
  void theyDifferInSizeAndReadBackToTheSameAnswers() {
    int previous = 0;
    for (String name : ModelCatalog.NAMES) { // smallest first
      Model m = ModelCatalog.reference(name);
      byte[] weights = m.toBytes();
      assertThat(weights.length).isGreaterThan(previous * 2);
      previous = weights.length;
      assertThat(ModelCatalog.read(name, weights).predict(SEPTIC)).isEqualTo(m.predict(SEPTIC));
    }
    assertThatThrownBy(() -> ModelCatalog.read("sepsis", ModelCatalog.reference("triage")
        .toBytes())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anArtifactOpensOnlyUnderItsKeyAsItsOwnModelAndUnaltered() throws Exception {
    Aead key = key();
    byte[] artifact = SealedModel.seal(ModelCatalog.reference("sepsis"), key);
    assertThat(new String(artifact, StandardCharsets.ISO_8859_1)).doesNotContain("points");
    assertThat(ModelCatalog.read("sepsis", SealedModel.open("sepsis", artifact, key))
        .predict(SEPTIC).label()).isEqualTo("sepsis-likely");
    assertThatThrownBy(() -> SealedModel.open("sepsis", artifact, key()))
        .hasMessageContaining("does not open");
    // the name is bound: the same key does not open it as another model
    assertThatThrownBy(() -> SealedModel.open("triage", artifact, key))
        .hasMessageContaining("does not open");
    artifact[artifact.length - 1] ^= 1;
    assertThatThrownBy(() -> SealedModel.open("sepsis", artifact, key))
        .hasMessageContaining("does not open");
  }
}
