package io.spillover.attest.keyservice;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import io.spillover.attest.internal.Tinks;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A function's public HPKE keyset that the caller trusts: either verified against the key
 * service's signature by {@link KeyServiceClient#publicKeyset}, or pinned by the operator with
 * {@link #pinned}. Sealed sessions are only ever opened to one of these.
 */
public final class FunctionPublicKeyset {
  private final String function;
  private final KeysetHandle keyset;
  private final long issuedAtMillis;
  private final HybridEncrypt encrypt;

  private FunctionPublicKeyset(String function, KeysetHandle keyset, long issuedAtMillis)
      throws GeneralSecurityException {
    this.function = CallerIdentity.requireName(function);
    this.keyset = Objects.requireNonNull(keyset, "keyset");
    this.issuedAtMillis = issuedAtMillis;
    this.encrypt = Tinks.primitive(keyset, HybridEncrypt.class);
  }

  /**
   * A keyset the operator vouches for (configuration, tests). Prefer the key service's signed
   * copy in production.
   *
   * @throws IllegalArgumentException if {@code keyset} is not a public HPKE keyset
   */
  public static FunctionPublicKeyset pinned(String function, KeysetHandle keyset,
      long issuedAtMillis) {
    try {
      Tinks.publicKeysetBytes(keyset);
      return new FunctionPublicKeyset(function, keyset, issuedAtMillis);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a public hybrid (HPKE) keyset: " + e.getMessage(), e);
    }
  }

  /** The function name the key service knows it by (it is bound into every session header). */
  public String function() {
    return function;
  }

  public KeysetHandle keyset() {
    return keyset;
  }

  /** Tink key id of the keyset's primary key: the key a new session is sealed to. */
  public int primaryKeyId() {
    return keyset.getPrimary().getId();
  }

  public long issuedAtMillis() {
    return issuedAtMillis;
  }

  /** HPKE-encrypts {@code plaintext} to the primary key. */
  public byte[] encrypt(byte[] plaintext, byte[] contextInfo) throws GeneralSecurityException {
    return encrypt.encrypt(plaintext, contextInfo);
  }
}
