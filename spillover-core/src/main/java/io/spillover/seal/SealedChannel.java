package io.spillover.seal;

/**
 * An open sealed session to one function target. {@link #seal} binds the service, the request id
 * and the deadline as associated data, so a ciphertext cannot be replayed under another identity.
 * The plaintext handed to {@link #seal} and returned by {@link #openReply} is the core's frame
 * (which carries the idempotency mark and, in replies, results and errors alike): a channel only
 * encrypts and authenticates it.
 */
public interface SealedChannel {

  /** @throws SealingException when the session cannot seal (e.g. it expired and cannot rotate) */
  SealedPayload seal(String service, String requestId, long deadlineEpochMillis, byte[] body);

  /** Opens a sealed reply to the request {@code requestId}. @throws SealingException if tampered */
  byte[] openReply(String service, String requestId, byte[] ciphertext);

  /**
   * Whether every instance of the target checks one shared replay guard (the function side's
   * {@code FunctionApp.Builder.sharedReplayGuard}), so a confidential call that is not idempotent
   * may be sent to it. When false (the default) such a call stays local
   * ({@code CONFIDENTIAL_NOT_IDEMPOTENT}), because the target would refuse it anyway.
   */
  default boolean sharedReplayGuard() {
    return false;
  }

  /**
   * Told when a reply to {@code requestId} was not authentic (see
   * {@link UnauthenticatedReplyException}), e.g. to append a tampering record to an audit log.
   * Runs on the call path after the spill failed; what it throws is logged and ignored.
   */
  default void replyRejected(String service, String requestId,
      UnauthenticatedReplyException.Kind kind) {}
}
