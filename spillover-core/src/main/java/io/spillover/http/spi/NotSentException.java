package io.spillover.http.spi;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by an interceptor that fails before the request leaves (headers, credentials, signing):
 * the function surely did not run.
 */
public final class NotSentException extends IOException {
  private static final long serialVersionUID = 1L;

  /** {@code message} says what failed before sending; {@code cause} may be null. */
  public NotSentException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
