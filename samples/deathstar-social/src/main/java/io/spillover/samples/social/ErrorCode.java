package io.spillover.samples.social;

/**
 * Why a social-network call failed. DeathStarBench reports almost every failure as
 * {@code SE_THRIFT_HANDLER_ERROR} (HTTP 500); this port splits that code by cause so a front end can
 * answer with a precise status and a caller can tell a bad request from a broken store.
 */
public enum ErrorCode {
  /** The request is malformed (missing field, mismatched lists, duplicated ids). */
  BAD_REQUEST(400),
  /** Wrong username or password ({@code SE_UNAUTHORIZED}). */
  UNAUTHORIZED(401),
  /** A user, post or short URL that the request names does not exist. */
  NOT_FOUND(404),
  /** The request would create something that already exists (username, user id, post id). */
  CONFLICT(409),
  /** A bounded store is full; nothing was written. */
  STORAGE_FULL(507),
  /** The storage tier could not be reached or answered garbage ({@code SE_MONGODB_ERROR} and kin). */
  STORAGE_UNAVAILABLE(503),
  /** A bug or an unexpected state inside a service. */
  INTERNAL(500);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status a front end answers with for this code. */
  public int httpStatus() {
    return httpStatus;
  }
}
