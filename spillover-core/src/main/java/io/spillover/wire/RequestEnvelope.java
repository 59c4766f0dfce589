package io.spillover.wire;

import org.jspecify.annotations.Nullable;

/**
 * A decoded request envelope. Exactly one of {@code body} (plain) or {@code sealedSession} +
 * {@code sealedCiphertext} (sealed) is present, except for a warm-up ping, which has neither.
 */
public final class RequestEnvelope {
  public final String id;
  public final String service;
  public final long deadlineEpochMillis;
  public final @Nullable String traceparent;
  public final boolean warmup;
  public final byte @Nullable [] body;
  public final @Nullable String sealedSession;
  public final byte @Nullable [] sealedCiphertext;

  public RequestEnvelope(String id, String service, long deadlineEpochMillis, @Nullable String traceparent,
      boolean warmup, byte @Nullable [] body, @Nullable String sealedSession,
      byte @Nullable [] sealedCiphertext) {
    this.id = id;
    this.service = service;
    this.deadlineEpochMillis = deadlineEpochMillis;
    this.traceparent = traceparent;
    this.warmup = warmup;
    this.body = body;
    this.sealedSession = sealedSession;
    this.sealedCiphertext = sealedCiphertext;
  }

  public boolean sealed() {
    return sealedSession != null;
  }
}
