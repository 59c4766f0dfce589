package io.spillover.samples.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.Test;

class TriageModelTest {
  private final TriageModel model = TriageModel.reference();

  private static Aead key() throws Exception {
    AeadConfig.register();
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  @Test
  void classifiesTheTextbookCases() {
    assertThat(model.classify(new Vitals(75, 118, 36.8, 98), "vm").risk()).isEqualTo("low");
    assertThat(model.classify(new Vitals(98, 136, 37.8, 95), "vm").risk()).isEqualTo("medium");
    assertThat(model.classify(new Vitals(120, 90, 38.8, 89), "vm").risk()).isEqualTo("high");
  }

  @Test
  void theSealedArtifactOpensOnlyUnderTheModelKeyAndUnaltered() throws Exception {
    Aead modelKey = key();
    byte[] artifact = SealedModel.seal(model, modelKey);
    Vitals v = new Vitals(120, 90, 38.8, 89);
    assertThat(SealedModel.open(artifact, modelKey).classify(v, "f"))
        .isEqualTo(model.classify(v, "f"));
    assertThat(new String(artifact, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("medium").doesNotContain("centroids");
    assertThatThrownBy(() -> SealedModel.open(artifact, key()))
        .hasMessageContaining("does not open");
    artifact[artifact.length - 1] ^= 1;
    assertThatThrownBy(() -> SealedModel.open(artifact, modelKey))
        .hasMessageContaining("does not open");
  }
}
