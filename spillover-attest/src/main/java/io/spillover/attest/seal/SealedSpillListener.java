package io.spillover.attest.seal;

/**
 * Told of every call a {@link SealingCallSealer} seals, before the ciphertext is returned. The
 * audit log's {@code AuditLog.sealedSpillListener()} is one. A listener that throws makes the seal
 * fail (a {@link io.spillover.seal.SealingException}), so the call stays local rather than leave
 * unrecorded: keep listeners fast, as they run on the call path.
 */
@FunctionalInterface
public interface SealedSpillListener {
  void onSealed(SealedSpill spill);
}
