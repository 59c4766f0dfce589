package io.spillover.attest.keyservice;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import io.spillover.attest.internal.Tinks;
import java.util.Objects;
import java.util.Set;

/**
 * A granted data key the key service released to an attested instance on behalf of one caller
 * ({@link KeyServiceClient#dataKey}): the key, and every caller the function's policy grants it
 * to, so the instance can serve those callers without asking again and refuse the others.
 */
public final class GrantedDataKey {
  private final String function;
  private final String name;
  private final KeysetHandle keyset;
  private final Set<String> grantees;
  private final long issuedAtMillis;

  public GrantedDataKey(String function, String name, KeysetHandle keyset, Set<String> grantees,
      long issuedAtMillis) {
    this.function = CallerIdentity.requireName(function);
    this.name = KeyServiceConfig.requireKeyName(name);
    this.keyset = Objects.requireNonNull(keyset, "keyset");
    this.grantees = Set.copyOf(grantees);
    this.issuedAtMillis = issuedAtMillis;
  }

  public String function() {
    return function;
  }

  /** The data key's name, e.g. {@code model-triage}. */
  public String name() {
    return name;
  }

  /** The key as a Tink AEAD keyset. */
  public KeysetHandle keyset() {
    return keyset;
  }

  /** The key as an {@link Aead}. */
  public Aead aead() {
    return Tinks.dataKey(keyset, name);
  }

  /** Every caller the policy grants this key to, at {@link #issuedAtMillis()}. */
  public Set<String> grantees() {
    return grantees;
  }

  public long issuedAtMillis() {
    return issuedAtMillis;
  }
}
