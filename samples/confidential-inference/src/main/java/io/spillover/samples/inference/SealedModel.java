package io.spillover.samples.inference;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The model artifact a function image ships: the weights under the key service's data key
 * {@code model} (AES-256-GCM via Tink). Only an instance the key service attested receives that
 * key, so the FaaS platform that stores and runs the image never sees the weights.
 */
public final class SealedModel {
  /** Binds the ciphertext to its purpose, so no other artifact sealed with the key passes for it. */
  private static final byte[] CONTEXT =
      "spillover-samples/confidential-inference/model/v1".getBytes(StandardCharsets.US_ASCII);

  private SealedModel() {}

  public static byte[] seal(TriageModel model, Aead modelKey) {
    try {
      return modelKey.encrypt(model.toBytes(), CONTEXT);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the model", e);
    }
  }

  /** @throws IllegalStateException when the key is not the model key or the artifact was altered */
  public static TriageModel open(byte[] artifact, Aead modelKey) {
    try {
      return TriageModel.fromBytes(modelKey.decrypt(artifact, CONTEXT));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the model artifact does not open under this key", e);
    }
  }
}
