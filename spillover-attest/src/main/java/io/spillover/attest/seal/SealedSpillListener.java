package io.spillover.attest.seal;

/**
 * Told of every call a {@link SealingCallSealer} seals, before the ciphertext is returned, and of
 * every reply to one that was not authentic. The audit log's {@code AuditLog.sealedSpillListener()}
 * is one. A listener that throws from {@link #onSealed} makes the seal fail (a
 * {@link io.spillover.seal.SealingException}), so the call stays local rather than leave
 * unrecorded; what {@link #onTamperedReply} throws is logged and ignored (the spill has failed
 * already). Keep listeners fast, as they run on the call path.
 */
@FunctionalInterface
public interface SealedSpillListener {
  void onSealed(SealedSpill spill);

  /** A reply to a sealed call was not authentic (forged, altered, or plain): possible tampering. */
  default void onTamperedReply(TamperedReply reply) {}
}
