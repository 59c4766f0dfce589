package io.spillover.samples.inference.model;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A model artifact as a function image ships it: its weights under the model's own data key
 * (AES-256-GCM via Tink), bound to the model's name, so one model's artifact never opens as
 * another's even under a key that opens both. Only an instance the key service attested, asking
 * for a caller the model is granted to, receives that key.
 */
public final class SealedModel {
  private static final String CONTEXT = "spillover-samples/confidential-inference/model/v2/";

  private SealedModel() {}

  public static byte[] seal(Model model, Aead modelKey) {
    try {
      return modelKey.encrypt(model.toBytes(), context(model.name()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt model '" + model.name() + "'", e);
    }
  }

  /**
   * The weights of {@code model}.
   *
   * @throws IllegalStateException when the key is not this model's or the artifact was altered
   */
  public static byte[] open(String model, byte[] artifact, Aead modelKey) {
    try {
      return modelKey.decrypt(artifact, context(model));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the artifact of model '" + model
          + "' does not open under this key", e);
    }
  }

  private static byte[] context(String model) {
    return (CONTEXT + model).getBytes(StandardCharsets.UTF_8);
  }
}
