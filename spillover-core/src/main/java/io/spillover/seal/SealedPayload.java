package io.spillover.seal;

import java.util.Objects;

/**
 * What a sealed request carries in its envelope: the session header (key id, HPKE encapsulation,
 * caller signature; the same for every call of a session) and the AEAD ciphertext of the body.
 */
public final class SealedPayload {
  private final String session;
  private final byte[] ciphertext;

  public SealedPayload(String session, byte[] ciphertext) {
    this.session = Objects.requireNonNull(session, "session");
    this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext");
  }

  public String session() {
    return session;
  }

  public byte[] ciphertext() {
    return ciphertext;
  }
}
