package io.spillover.internal;

/** A decoded response envelope: a result (plain or sealed) or an error, plus platform facts. */
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
}
