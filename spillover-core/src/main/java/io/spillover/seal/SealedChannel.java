package io.spillover.seal;

/**
 * An open sealed session to one function target. {@link #seal} binds the service, the request id
 * and the deadline as associated data, so a ciphertext cannot be replayed under another identity.
 */
public interface SealedChannel {

  /** @throws SealingException when the session cannot seal (e.g. it expired and cannot rotate) */
  SealedPayload seal(String service, String requestId, long deadlineEpochMillis, byte[] body);

  /** Opens a sealed reply to the request {@code requestId}. @throws SealingException if tampered */
  byte[] openReply(String service, String requestId, byte[] ciphertext);
}
