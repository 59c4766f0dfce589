package io.spillover.attest.seal.internal;

import io.spillover.attest.internal.Bin;
import io.spillover.attest.internal.Tinks;
import java.security.GeneralSecurityException;

/**
 * The two AEAD keys of a session, derived (HKDF-SHA256 via Tink's PRF, salted with the session id)
 * from the secret the caller encapsulated: one for requests, one for replies, so a reply can never
 * be fed back as a request nor the reverse.
 */
public final class SessionKeys {
  public static final int SECRET_BYTES = 32;
  private static final byte[] REQUEST_INFO = "spillover/v1/request-key".getBytes();
  private static final byte[] REPLY_INFO = "spillover/v1/reply-key".getBytes();
  // v2: the plaintexts are the core's version-2 frames (idempotency mark; sealed errors), so a
  // version-1 ciphertext never opens as one
  private static final String CALL_AD = "spillover/v2/call";
  private static final String REPLY_AD = "spillover/v2/reply";

  private final byte[] sessionId;
  private final SessionAead request;
  private final SessionAead reply;

  private SessionKeys(byte[] sessionId, SessionAead request, SessionAead reply) {
    this.sessionId = sessionId;
    this.request = request;
    this.reply = reply;
  }

  public static SessionKeys derive(byte[] secret, byte[] sessionId)
      throws GeneralSecurityException {
    SessionAead request = new SessionAead(Tinks.hkdf(secret, sessionId, REQUEST_INFO, 32));
    SessionAead reply = new SessionAead(Tinks.hkdf(secret, sessionId, REPLY_INFO, 32));
    return new SessionKeys(sessionId.clone(), request, reply);
  }

  public byte[] sealRequest(String service, String requestId, long deadline, byte[] body)
      throws GeneralSecurityException {
    return request.encrypt(body, callAd(service, requestId, deadline));
  }

  public byte[] openRequest(String service, String requestId, long deadline, byte[] ciphertext)
      throws GeneralSecurityException {
    return request.decrypt(ciphertext, callAd(service, requestId, deadline));
  }

  public byte[] sealReply(String service, String requestId, byte[] body)
      throws GeneralSecurityException {
    return reply.encrypt(body, replyAd(service, requestId));
  }

  public byte[] openReply(String service, String requestId, byte[] ciphertext)
      throws GeneralSecurityException {
    return reply.decrypt(ciphertext, replyAd(service, requestId));
  }

  private byte[] callAd(String service, String requestId, long deadline) {
    return Bin.of(CALL_AD).bytes(sessionId).text(service).text(requestId).number(deadline)
        .toBytes();
  }

  private byte[] replyAd(String service, String requestId) {
    return Bin.of(REPLY_AD).bytes(sessionId).text(service).text(requestId).toBytes();
  }
}
