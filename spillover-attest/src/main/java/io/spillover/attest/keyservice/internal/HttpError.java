package io.spillover.attest.keyservice.internal;

/** A refusal the key service answers with an HTTP status and a JSON {@code {"error": ...}}. */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
