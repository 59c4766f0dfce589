package io.spillover.attest.keyservice;

import com.google.crypto.tink.KeysetHandle;
import java.util.Map;
import java.util.Objects;

/**
 * What the key service released to an attested function instance: the function's HPKE private
 * keyset, the verify keysets of the callers its policy admits, and the data keys it grants.
 * Feed it to {@code SessionOpener.builder().released(keys)}.
 */
public final class ReleasedKeys {
  private final String function;
  private final KeysetHandle privateKeyset;
  private final Map<String, KeysetHandle> callerVerifyKeysets;
  private final Map<String, KeysetHandle> dataKeys;
  private final long issuedAtMillis;

  public ReleasedKeys(String function, KeysetHandle privateKeyset,
      Map<String, KeysetHandle> callerVerifyKeysets, Map<String, KeysetHandle> dataKeys,
      long issuedAtMillis) {
    this.function = CallerIdentity.requireName(function);
    this.privateKeyset = Objects.requireNonNull(privateKeyset, "privateKeyset");
    this.callerVerifyKeysets = Map.copyOf(callerVerifyKeysets);
    this.dataKeys = Map.copyOf(dataKeys);
    this.issuedAtMillis = issuedAtMillis;
  }

  public String function() {
    return function;
  }

  public KeysetHandle privateKeyset() {
    return privateKeyset;
  }

  /** Caller name to its registered verify keyset, for the callers this function accepts. */
  public Map<String, KeysetHandle> callerVerifyKeysets() {
    return callerVerifyKeysets;
  }

  /** Data keys (Tink AEAD keysets) granted by the function's policy, by name. */
  public Map<String, KeysetHandle> dataKeys() {
    return dataKeys;
  }

  public long issuedAtMillis() {
    return issuedAtMillis;
  }
}
