package io.spillover.seal;

/**
 * Function side of confidential spillover, plugged into {@code FunctionApp}: opens a sealed request
 * (checking the session header once per session, the caller's signature and policy, replays) and
 * seals the reply under the session.
 */
public interface SealedCallOpener {

  /** @throws SealingException when the session, the caller or the ciphertext is refused */
  OpenedCall open(String service, String requestId, long deadlineEpochMillis, String session,
      byte[] ciphertext);

  /** A request that was opened: its plaintext, who sent it, and how to seal the reply. */
  interface OpenedCall {
    byte[] body();

    /** The caller identity the session header proved (its registered signing key's name). */
    String caller();

    byte[] sealReply(byte[] replyBody);
  }
}
