package io.spillover.attest.keyservice;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import io.spillover.attest.internal.Tinks;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A caller service's identity: its name and its Tink signing keyset (ECDSA P-256 or Ed25519). The
 * public half is registered at the key service under the same name; functions accept a sealed
 * session only when it is signed by a caller their policy names.
 */
public final class CallerIdentity {
  private final String name;
  private final KeysetHandle signingKeyset;
  private final PublicKeySign signer;

  private CallerIdentity(String name, KeysetHandle signingKeyset) throws GeneralSecurityException {
    this.name = requireName(name);
    this.signingKeyset = Objects.requireNonNull(signingKeyset, "signingKeyset");
    this.signer = Tinks.primitive(signingKeyset, PublicKeySign.class);
  }

  /** @throws IllegalArgumentException if the keyset is not a private signing keyset */
  public static CallerIdentity of(String name, KeysetHandle signingKeyset) {
    try {
      return new CallerIdentity(name, signingKeyset);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a Tink signing keyset: " + e.getMessage(), e);
    }
  }

  /** A new identity with a fresh Ed25519 key (for development and tests). */
  public static CallerIdentity generate(String name) {
    try {
      return of(name, Tinks.generate(PredefinedSignatureParameters.ED25519));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink cannot generate an Ed25519 key", e);
    }
  }

  public String name() {
    return name;
  }

  /** The verify keyset to register at the key service. */
  public KeysetHandle publicKeyset() {
    try {
      return signingKeyset.getPublicKeysetHandle();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing keyset has no public half", e);
    }
  }

  /** Signs {@code data} with the caller's primary key. */
  public byte[] sign(byte[] data) {
    try {
      return signer.sign(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name must be 1..200 characters and not blank");
    }
    return name;
  }

  @Override
  public String toString() {
    return "CallerIdentity{" + name + "}";
  }
}
