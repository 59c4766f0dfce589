package io.spillover.attest.seal.internal;

import io.spillover.attest.internal.Bin;
import io.spillover.attest.internal.Hex;
import java.util.Arrays;
import java.util.Base64;

/**
 * The header every call of a sealed session carries: session id, function, caller, the function's
 * HPKE key id, issue and expiry times, the HPKE encapsulation of the session secret, and the
 * caller's signature over all of it.
 */
public final class SessionHeader {
  public static final int SESSION_ID_BYTES = 16;
  private static final String DOMAIN = "spillover-session/v1";
  private static final String KEY_DOMAIN = "spillover-session-key/v1";
  private static final int MAX_FIELD = 4096;

  private final byte[] sessionId;
  private final String function;
  private final String caller;
  private final int keyId;
  private final long issuedAt;
  private final long expiresAt;
  private final byte[] enc;

  public SessionHeader(byte[] sessionId, String function, String caller, int keyId, long issuedAt,
      long expiresAt, byte[] enc) {
    if (sessionId.length != SESSION_ID_BYTES) {
      throw new IllegalArgumentException("session id must be " + SESSION_ID_BYTES + " bytes");
    }
    this.sessionId = sessionId.clone();
    this.function = function;
    this.caller = caller;
    this.keyId = keyId;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.enc = enc.clone();
  }

  /** HPKE context info: binds the encapsulated secret to this session's identity and lifetime. */
  public static byte[] hpkeContext(byte[] sessionId, String function, String caller, long issuedAt,
      long expiresAt) {
    return Bin.of(KEY_DOMAIN).bytes(sessionId).text(function).text(caller).number(issuedAt)
        .number(expiresAt).toBytes();
  }

  public byte[] hpkeContext() {
    return hpkeContext(sessionId, function, caller, issuedAt, expiresAt);
  }

  /** The bytes the caller signs: every field but the signature. */
  public byte[] signedBytes() {
    return Bin.of(DOMAIN).bytes(sessionId).text(function).text(caller).number(keyId)
        .number(issuedAt).number(expiresAt).bytes(enc).toBytes();
  }

  /** The header as it travels: signed bytes then the signature, base64. */
  public String encode(byte[] signature) {
    byte[] signed = signedBytes();
    byte[] tail = new Bin().bytes(signature).toBytes();
    byte[] all = Arrays.copyOf(signed, signed.length + tail.length);
    System.arraycopy(tail, 0, all, signed.length, tail.length);
    return Base64.getEncoder().encodeToString(all);
  }

  /** A parsed header with its signature, not yet verified. */
  public static final class Signed {
    public final SessionHeader header;
    public final byte[] signedBytes;
    public final byte[] signature;

    private Signed(SessionHeader header, byte[] signedBytes, byte[] signature) {
      this.header = header;
      this.signedBytes = signedBytes;
      this.signature = signature;
    }
  }

  /** @throws IllegalArgumentException when the header is not well formed */
  public static Signed decode(String encoded) {
    byte[] all = Base64.getDecoder().decode(encoded);
    Bin.Reader in = new Bin.Reader(all, MAX_FIELD);
    if (!DOMAIN.equals(in.text())) {
      throw new IllegalArgumentException("not a spillover session header (v1)");
    }
    byte[] id = in.bytes();
    String function = in.text();
    String caller = in.text();
    long keyId = in.number();
    long issuedAt = in.number();
    long expiresAt = in.number();
    byte[] enc = in.bytes();
    byte[] signed = Arrays.copyOf(all, in.position());
    byte[] signature = in.bytes();
    if (!in.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after the signature");
    }
    if (keyId != (int) keyId) {
      throw new IllegalArgumentException("key id out of range");
    }
    SessionHeader header =
        new SessionHeader(id, function, caller, (int) keyId, issuedAt, expiresAt, enc);
    return new Signed(header, signed, signature);
  }

  public byte[] sessionId() {
    return sessionId.clone();
  }

  public String sessionIdHex() {
    return Hex.encode(sessionId);
  }

  public String function() {
    return function;
  }

  public String caller() {
    return caller;
  }

  public int keyId() {
    return keyId;
  }

  public long issuedAt() {
    return issuedAt;
  }

  public long expiresAt() {
    return expiresAt;
  }

  public byte[] enc() {
    return enc.clone();
  }
}
