package io.spillover.function;

import java.util.Objects;

/**
 * One request to a function twin, as the provider sees it: the encoded envelope and the instant by
 * which the caller must have an answer.
 *
 * <p>A provider must not wait past {@link #deadlineEpochMillis()}; it completes the invocation with
 * a {@link FunctionTimeoutException} instead. The same {@link #requestId()} is reused when an
 * idempotent call is retried, so the function side can drop duplicates.
 */
public final class Invocation {
  private final String requestId;
  private final String service;
  private final byte[] payload;
  private final long deadlineEpochMillis;
  private final boolean warmup;

  public Invocation(String requestId, String service, byte[] payload, long deadlineEpochMillis,
      boolean warmup) {
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.service = Objects.requireNonNull(service, "service");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.deadlineEpochMillis = deadlineEpochMillis;
    this.warmup = warmup;
  }

  public String requestId() {
    return requestId;
  }

  /** The logical service (spillway name) the envelope is addressed to. */
  public String service() {
    return service;
  }

  /** The encoded request envelope; providers send these bytes as they are. */
  public byte[] payload() {
    return payload;
  }

  public long deadlineEpochMillis() {
    return deadlineEpochMillis;
  }

  /** True for a pre-warm ping: the reply carries no result and no handler runs. */
  public boolean warmup() {
    return warmup;
  }
}
