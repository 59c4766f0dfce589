package io.spillover.wire;

import org.jspecify.annotations.Nullable;

/**
 * A decoded response envelope: a plain result or error, or a sealed reply (whose result or error
 * is inside the ciphertext, so {@code ok}, {@code body} and the error fields are unset), plus the
 * platform facts.
 */
public final class ResponseEnvelope {
  public final @Nullable String id;
  public final boolean ok;
  public final byte @Nullable [] body;
  public final byte @Nullable [] sealedCiphertext;
  public final @Nullable String errorType;
  public final @Nullable String errorMessage;
  public final boolean cold;
  public final long millis;

  public ResponseEnvelope(@Nullable String id, boolean ok, byte @Nullable [] body,
      byte @Nullable [] sealedCiphertext, @Nullable String errorType,
      @Nullable String errorMessage, boolean cold, long millis) {
    this.id = id;
    this.ok = ok;
    this.body = body;
    this.sealedCiphertext = sealedCiphertext;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.cold = cold;
    this.millis = millis;
  }

  public static ResponseEnvelope error(@Nullable String id, String type,
      @Nullable String message, boolean cold, long millis) {
    return new ResponseEnvelope(id, false, null, null, type, message, cold, millis);
  }

  /** A reply to a sealed call: result or error, only the caller can tell. */
  public static ResponseEnvelope sealed(@Nullable String id, byte[] ciphertext, boolean cold, long millis) {
    return new ResponseEnvelope(id, false, null, ciphertext, null, null, cold, millis);
  }

  public boolean sealed() {
    return sealedCiphertext != null;
  }
}
