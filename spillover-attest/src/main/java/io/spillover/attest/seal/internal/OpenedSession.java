package io.spillover.attest.seal.internal;

/** A session whose header was verified and whose keys were decapsulated, cached by its header. */
public final class OpenedSession {
  private final String caller;
  private final String idHex;
  private final byte[] id;
  private final long expiresAt;
  private final SessionKeys keys;

  public OpenedSession(SessionHeader header, SessionKeys keys) {
    this.caller = header.caller();
    this.idHex = header.sessionIdHex();
    this.id = header.sessionId();
    this.expiresAt = header.expiresAt();
    this.keys = keys;
  }

  public String caller() {
    return caller;
  }

  public String idHex() {
    return idHex;
  }

  public byte[] id() {
    return id.clone();
  }

  public long expiresAt() {
    return expiresAt;
  }

  public SessionKeys keys() {
    return keys;
  }
}
