package io.spillover.attest.seal.internal;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import io.spillover.attest.internal.Tinks;
import io.spillover.seal.SealingException;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a session header once: well formed, for this function, from a caller the policy names,
 * signed by that caller's registered key, within its lifetime, sealed to a key this function
 * holds; then decapsulates the session secret and derives the session keys.
 */
public final class HeaderVerifier {
  private final String function;
  private final HybridDecrypt decrypt;
  private final Set<Integer> keyIds = new HashSet<>();
  private final Map<String, PublicKeyVerify> callers;
  private final long skewMillis;
  private final long maxLifetimeMillis;

  public HeaderVerifier(String function, KeysetHandle privateKeyset,
      Map<String, PublicKeyVerify> callers, long skewMillis, long maxLifetimeMillis)
      throws GeneralSecurityException {
    this.function = function;
    this.decrypt = Tinks.primitive(privateKeyset, HybridDecrypt.class);
    for (int i = 0; i < privateKeyset.size(); i++) {
      keyIds.add(privateKeyset.getAt(i).getId());
    }
    this.callers = Map.copyOf(callers);
    this.skewMillis = skewMillis;
    this.maxLifetimeMillis = maxLifetimeMillis;
  }

  public OpenedSession verify(String encoded, long now) {
    SessionHeader.Signed signed;
    try {
      signed = SessionHeader.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new SealingException("malformed session header: " + e.getMessage(), e);
    }
    SessionHeader h = signed.header;
    String id = h.sessionIdHex();
    if (function != null && !function.equals(h.function())) {
      throw new SealingException("session " + id + " is for function '" + h.function()
          + "', this is '" + function + "'");
    }
    PublicKeyVerify verify = callers.get(h.caller());
    if (verify == null) {
      throw new SealingException("session " + id + ": caller '" + h.caller()
          + "' is not named in this function's policy");
    }
    try {
      verify.verify(signed.signature, signed.signedBytes);
    } catch (GeneralSecurityException e) {
      throw new SealingException("session " + id + ": header signature does not verify under"
          + " caller '" + h.caller() + "''s registered key (tampered header or foreign key)", e);
    }
    checkLifetime(h, id, now);
    if (!keyIds.contains(h.keyId())) {
      throw new SealingException("session " + id + " is sealed to key id " + h.keyId()
          + ", which this function's keyset does not hold (rotated keyset?)");
    }
    byte[] secret;
    try {
      secret = decrypt.decrypt(h.enc(), h.hpkeContext());
    } catch (GeneralSecurityException e) {
      throw new SealingException("session " + id + ": session key does not decapsulate", e);
    }
    try {
      return new OpenedSession(h, SessionKeys.derive(secret, h.sessionId()));
    } catch (GeneralSecurityException e) {
      throw new SealingException("session " + id + ": cannot derive session keys", e);
    }
  }

  private void checkLifetime(SessionHeader h, String id, long now) {
    if (now > h.expiresAt() + skewMillis) {
      throw new SealingException("session " + id + " expired at " + h.expiresAt()
          + " (now " + now + ")");
    }
    if (h.issuedAt() > now + skewMillis) {
      throw new SealingException("session " + id + " is issued in the future (" + h.issuedAt()
          + ", now " + now + ")");
    }
    if (h.expiresAt() - h.issuedAt() > maxLifetimeMillis || h.expiresAt() < h.issuedAt()) {
      throw new SealingException("session " + id + " lifetime exceeds this function's maximum of "
          + maxLifetimeMillis + " ms");
    }
  }

  public boolean expired(OpenedSession session, long now) {
    return now > session.expiresAt() + skewMillis;
  }
}
