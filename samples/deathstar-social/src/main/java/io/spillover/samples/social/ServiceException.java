package io.spillover.samples.social;

import java.util.Objects;

/**
 * The one exception every social-network service, store and client throws for an expected failure.
 * It carries an {@link ErrorCode} so it can cross a wire (storage HTTP API, function twin) as
 * {@code {code, message}} and be rebuilt unchanged on the other side.
 */
public class ServiceException extends RuntimeException {
  private final ErrorCode code;

  /** A failure with a code and a message meant for the caller. */
  public ServiceException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A failure caused by another exception (I/O, decoding). */
  public ServiceException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Why the call failed. */
  public ErrorCode code() {
    return code;
  }

  /** Shorthand for a {@link ErrorCode#BAD_REQUEST}. */
  public static ServiceException badRequest(String message) {
    return new ServiceException(ErrorCode.BAD_REQUEST, message);
  }

  /** Shorthand for a {@link ErrorCode#NOT_FOUND}. */
  public static ServiceException notFound(String message) {
    return new ServiceException(ErrorCode.NOT_FOUND, message);
  }

  /** Shorthand for a {@link ErrorCode#CONFLICT}. */
  public static ServiceException conflict(String message) {
    return new ServiceException(ErrorCode.CONFLICT, message);
  }
}
