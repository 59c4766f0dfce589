package io.spillover.seal;

import io.spillover.function.FunctionException;
import java.util.Objects;

/**
 * The reply to a sealed call was not authentic: not sealed, sealed under another key, altered or
 * truncated, or a function error reported by the platform rather than sealed by the function.
 * Only a reply that opens under the call's session is the function's answer; anything else may
 * be a forgery by the platform or the network, so it counts as a failed spill after which the
 * function may have run (an idempotent call is retried with the same id, then the call falls
 * back to a local permit) and is reported as possible tampering (metric
 * {@code spillover.sealed.tampered}, {@code SpillwayListener.onTamperedReply},
 * {@link SealedChannel#replyRejected}).
 *
 * <p>A function that cannot open a call (it holds no keys, the caller is unknown) answers with a
 * plain {@code SEALING_REJECTED}: it has no key to authenticate that answer, so the caller cannot
 * tell it from a forgery and it counts here too, as {@link Kind#PLAIN_ERROR}.
 */
public final class UnauthenticatedReplyException extends FunctionException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_CLAIM = 64;

  /** What came back instead of a sealed reply that opens. */
  public enum Kind {
    /** A plain result envelope ({@code "ok":true}). */
    PLAIN_RESULT,
    /** A plain error envelope ({@code "ok":false}), whatever type it claims. */
    PLAIN_ERROR,
    /** A function error reported by the platform (e.g. Lambda's {@code X-Amz-Function-Error}). */
    PLATFORM_ERROR,
    /** A sealed reply that does not open: wrong key or session, altered, truncated. */
    DOES_NOT_OPEN
  }

  private final Kind kind;
  private final String claimedType;

  /**
   * @param claimedType the error type the unauthenticated reply claims, if any (kept to 64
   *     characters of {@code [A-Za-z0-9._-]}: it is untrusted text)
   */
  public UnauthenticatedReplyException(Kind kind, String claimedType, Throwable cause) {
    super(message(Objects.requireNonNull(kind, "kind"), sanitize(claimedType)), cause);
    this.kind = kind;
    this.claimedType = sanitize(claimedType);
  }

  public Kind kind() {
    return kind;
  }

  /** The error type the reply claimed, sanitized; null when it claimed none. */
  public String claimedType() {
    return claimedType;
  }

  @Override
  public boolean mayHaveRun() {
    return true;
  }

  private static String message(Kind kind, String claim) {
    return "unauthenticated reply to a sealed call (" + kind
        + (claim == null ? "" : ", claims " + claim) + "): treated as a failed spill";
  }

  private static String sanitize(String claim) {
    if (claim == null) {
      return null;
    }
    String clean = claim.replaceAll("[^A-Za-z0-9._-]", "?");
    return clean.length() > MAX_CLAIM ? clean.substring(0, MAX_CLAIM) : clean;
  }
}
