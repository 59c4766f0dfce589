package io.spillover.attest.keyservice.internal;

import tools.jackson.databind.node.ObjectNode;

/**
 * A refusal the key service answers with an HTTP status and a JSON {@code {"error": ...}}, or
 * with a body of its own that holds {@code error} and more (e.g. a signed refusal).
 */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient ObjectNode body;

  public HttpError(int status, String message) {
    super(message);
    this.status = status;
    this.body = null;
  }

  /** {@code body} must hold {@code error}, the message. */
  HttpError(int status, ObjectNode body) {
    super(body.path("error").asString("refused"));
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The answer's body, or null for the plain {@code {"error": message}}. */
  ObjectNode body() {
    return body;
  }
}
