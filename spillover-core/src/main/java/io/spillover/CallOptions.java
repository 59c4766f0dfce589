package io.spillover;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Per-call settings that override the spillway's defaults: priority, classification,
 * idempotency, deadline, the W3C trace context to propagate, and whether the call is admitted at
 * all. Immutable; reuse instances.
 */
public final class CallOptions {
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final CallOptions DEFAULTS = new Builder().build();

  private final Priority priority;
  private final Classification classification;
  private final Boolean idempotent;
  private final Duration timeout;
  private final String traceparent;
  private final boolean alwaysLocal;

  private CallOptions(Builder b) {
    this.priority = b.priority;
    this.classification = b.classification;
    this.idempotent = b.idempotent;
    this.timeout = b.timeout;
    this.traceparent = b.traceparent;
    this.alwaysLocal = b.alwaysLocal;
  }

  /** No overrides: the spillway's config decides everything. */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Priority priority() {
    return priority;
  }

  /** The classification, or {@code null} to use the spillway's default. */
  public Classification classification() {
    return classification;
  }

  /** Whether the call may run twice, or {@code null} to use the spillway's default. */
  public Boolean idempotent() {
    return idempotent;
  }

  /** The time the call may take in all, or {@code null} to use the spillway's timeout. */
  public Duration timeout() {
    return timeout;
  }

  public String traceparent() {
    return traceparent;
  }

  /** Whether the call runs locally outside admission; see {@link Builder#alwaysLocal()}. */
  public boolean alwaysLocal() {
    return alwaysLocal;
  }

  /** Builds {@link CallOptions}; setters validate at once. */
  public static final class Builder {
    private Priority priority = Priority.NORMAL;
    private Classification classification;
    private Boolean idempotent;
    private Duration timeout;
    private String traceparent;
    private boolean alwaysLocal;

    private Builder() {}

    public Builder priority(Priority priority) {
      this.priority = Objects.requireNonNull(priority, "priority");
      return this;
    }

    public Builder classification(Classification classification) {
      this.classification = Objects.requireNonNull(classification, "classification");
      return this;
    }

    /** Shorthand for {@code classification(CONFIDENTIAL)}. */
    public Builder confidential() {
      return classification(Classification.CONFIDENTIAL);
    }

    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /** The deadline of the call, from now. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** A W3C {@code traceparent} header value to send with a spilled call. */
    public Builder traceparent(String traceparent) {
      if (traceparent != null && !TRACEPARENT.matcher(traceparent).matches()) {
        throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
      }
      this.traceparent = traceparent;
      return this;
    }

    /**
     * The call runs locally and is not admitted: it never waits, spills or is rejected, even
     * above the limit. It still counts as in flight while it runs, and its latency and
     * {@link OverloadSignal} feed the limit, so calls that may not leave (a non-idempotent call to
     * a wrapped service) still tell the limit how loaded the service is.
     */
    public Builder alwaysLocal() {
      this.alwaysLocal = true;
      return this;
    }

    public CallOptions build() {
      return new CallOptions(this);
    }
  }
}
