package io.spillover.attest.seal.internal;

import io.spillover.attest.internal.Hex;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPublicKeyset;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One caller-side sealed session: its header (sent with every call), its keys, and its budget. A
 * session is used until its age or its message count reaches the rotation bound.
 */
public final class CallerSession {
  private final byte[] id;
  private final String idHex;
  private final String header;
  private final SessionKeys keys;
  private final long rotateAt;
  private final long expiresAt;
  private final long maxMessages;
  private final AtomicLong used = new AtomicLong();

  private CallerSession(byte[] id, String header, SessionKeys keys, long rotateAt, long expiresAt,
      long maxMessages) {
    this.id = id;
    this.idHex = Hex.encode(id);
    this.header = header;
    this.keys = keys;
    this.rotateAt = rotateAt;
    this.expiresAt = expiresAt;
    this.maxMessages = maxMessages;
  }

  /** One HPKE encapsulation of a fresh secret and one signature: the whole per-session cost. */
  public static CallerSession open(FunctionPublicKeyset function, CallerIdentity caller, long now,
      long rotateAfterMillis, long graceMillis, long maxMessages) throws GeneralSecurityException {
    byte[] id = Tinks.randomBytes(SessionHeader.SESSION_ID_BYTES);
    byte[] secret = Tinks.randomBytes(SessionKeys.SECRET_BYTES);
    long expiresAt = now + rotateAfterMillis + graceMillis;
    byte[] context =
        SessionHeader.hpkeContext(id, function.function(), caller.name(), now, expiresAt);
    byte[] enc = function.encrypt(secret, context);
    SessionHeader header = new SessionHeader(id, function.function(), caller.name(),
        function.primaryKeyId(), now, expiresAt, enc);
    String encoded = header.encode(caller.sign(header.signedBytes()));
    return new CallerSession(id, encoded, SessionKeys.derive(secret, id), now + rotateAfterMillis,
        expiresAt, maxMessages);
  }

  /** Takes one message from the budget; false when the session must rotate first. */
  public boolean reserve(long now) {
    if (now >= rotateAt || used.get() >= maxMessages) {
      return false;
    }
    return used.incrementAndGet() <= maxMessages;
  }

  public boolean expired(long now) {
    return now > expiresAt;
  }

  public byte[] id() {
    return id;
  }

  public String idHex() {
    return idHex;
  }

  public String header() {
    return header;
  }

  public SessionKeys keys() {
    return keys;
  }
}
