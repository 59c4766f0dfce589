package io.spillover.http.spi;

/**
 * A request tag carrying the invocation's deadline, so interceptors that may wait (credentials,
 * header suppliers) bound their wait by it.
 */
public record Deadline(long epochMillis) {

  /** Milliseconds left at {@code nowEpochMillis}, never negative. */
  public long remainingMillis(long nowEpochMillis) {
    return Math.max(0, epochMillis - nowEpochMillis);
  }
}
