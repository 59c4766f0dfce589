package io.spillover.attest.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.prf.HkdfPrfKey;
import com.google.crypto.tink.prf.HkdfPrfParameters;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.subtle.EngineFactory;
import com.google.crypto.tink.subtle.Random;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * The few Tink calls the attest module makes, in one place. Every primitive goes through an
 * explicit Tink {@link Configuration} (no global registry), so this module works whatever else
 * registered.
 */
public final class Tinks {
  /** Tink's configuration of current primitives: HPKE, AES-GCM, HKDF PRF, ECDSA, Ed25519. */
  public static final Configuration CONFIG = TinkConfig2026.get();


  private Tinks() {}

  public static KeysetHandle generate(Parameters parameters) throws GeneralSecurityException {
    return KeysetHandle.generateNew(parameters, CONFIG);
  }

  /** {@code keyset} plus a new key of {@code parameters} made primary; old keys stay usable. */
  public static KeysetHandle rotate(KeysetHandle keyset, Parameters parameters)
      throws GeneralSecurityException {
    return KeysetHandle.newBuilder(keyset).setConfiguration(CONFIG)
        .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
        .build();
  }

  public static <P> P primitive(KeysetHandle keyset, Class<P> type)
      throws GeneralSecurityException {
    return keyset.getPrimitive(CONFIG, type);
  }

  /** A public keyset in Tink's binary format (throws if the keyset holds secret material). */
  public static byte[] publicKeysetBytes(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeysetWithoutSecret(keyset, CONFIG);
  }

  public static KeysetHandle parsePublicKeyset(byte[] bytes) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeysetWithoutSecret(bytes, CONFIG);
  }

  /** Secret keyset bytes: only ever written inside an HPKE or master-AEAD ciphertext. */
  public static byte[] secretKeysetBytes(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get(), CONFIG);
  }

  public static KeysetHandle parseSecretKeyset(byte[] bytes) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeyset(bytes, InsecureSecretKeyAccess.get(), CONFIG);
  }

  public static byte[] randomBytes(int size) {
    return Random.randBytes(size);
  }

  public static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
    return digest("SHA-256", parts);
  }

  public static byte[] sha512(byte[]... parts) throws GeneralSecurityException {
    return digest("SHA-512", parts);
  }

  /** Constant-time equality (Tink's). */
  public static boolean equal(byte[] a, byte[] b) {
    return com.google.crypto.tink.subtle.Bytes.equal(a, b);
  }

  /** HKDF-SHA256 through Tink's HKDF PRF: {@code size} bytes of {@code info} under {@code ikm}. */
  public static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int size)
      throws GeneralSecurityException {
    HkdfPrfParameters parameters = HkdfPrfParameters.builder()
        .setKeySizeBytes(ikm.length)
        .setHashType(HkdfPrfParameters.HashType.SHA256)
        .setSalt(Bytes.copyFrom(salt))
        .build();
    HkdfPrfKey key = HkdfPrfKey.builder()
        .setParameters(parameters)
        .setKeyBytes(SecretBytes.copyFrom(ikm, InsecureSecretKeyAccess.get()))
        .build();
    PrfSet prf = primitive(singleKey(key), PrfSet.class);
    return prf.computePrimary(info, size);
  }

  private static KeysetHandle singleKey(com.google.crypto.tink.Key key)
      throws GeneralSecurityException {
    return KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(key).withFixedId(1).makePrimary())
        .build();
  }

  private static byte[] digest(String algorithm, byte[]... parts) throws GeneralSecurityException {
    java.security.MessageDigest digest = EngineFactory.MESSAGE_DIGEST.getInstance(algorithm);
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** A granted data key as an AEAD; a keyset of another type is a bug in the release. */
  public static Aead dataKey(KeysetHandle keyset, String name) {
    try {
      return primitive(keyset, Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("data key '" + name + "' is not an AEAD keyset", e);
    }
  }
}
