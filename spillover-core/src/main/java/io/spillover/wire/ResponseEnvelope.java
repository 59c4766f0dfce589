package io.spillover.wire;

/**
 * A decoded response envelope: a plain result or error, or a sealed reply (whose result or error
 * is inside the ciphertext, so {@code ok}, {@code body} and the error fields are unset), plus the
 * platform facts.
 */
public final class ResponseEnvelope {
  public final String id;
  public final boolean ok;
  public final byte[] body;
  public final byte[] sealedCiphertext;
  public final String errorType;
  public final String errorMessage;
  public final boolean cold;
  public final long millis;

  public ResponseEnvelope(String id, boolean ok, byte[] body, byte[] sealedCiphertext,
      String errorType, String errorMessage, boolean cold, long millis) {
    this.id = id;
    this.ok = ok;
    this.body = body;
    this.sealedCiphertext = sealedCiphertext;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.cold = cold;
    this.millis = millis;
  }

  public static ResponseEnvelope error(String id, String type, String message, boolean cold,
      long millis) {
    return new ResponseEnvelope(id, false, null, null, type, message, cold, millis);
  }

  /** A reply to a sealed call: result or error, only the caller can tell. */
  public static ResponseEnvelope sealed(String id, byte[] ciphertext, boolean cold, long millis) {
    return new ResponseEnvelope(id, false, null, ciphertext, null, null, cold, millis);
  }

  public boolean sealed() {
    return sealedCiphertext != null;
  }
}
