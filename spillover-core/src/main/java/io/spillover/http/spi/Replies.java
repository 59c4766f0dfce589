package io.spillover.http.spi;

import io.spillover.codec.CodecException;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.http.PayloadTooLargeException;
import io.spillover.wire.EnvelopeFormat;

/** The reply checks and status mappings every HTTP-based provider shares. */
public final class Replies {
  private Replies() {}

  /**
   * The body, when it is a response envelope; otherwise a transport failure (the function may
   * have run: the platform answered, but not with an envelope).
   */
  public static byte[] requireEnvelope(byte[] body, String target) {
    if (body.length == 0) {
      throw new FunctionTransportException("empty reply from " + target, true, null);
    }
    try {
      EnvelopeFormat.decodeResponse(body);
    } catch (CodecException e) {
      throw new FunctionTransportException(
          "reply from " + target + " is not a response envelope: " + e.getMessage(), true, e);
    }
    return body;
  }

  /** A request-level failure for a non-2xx status of a platform that speaks plain HTTP. */
  public static FunctionException forStatus(HttpReply reply, String target, long payloadBytes) {
    int status = reply.status();
    String detail = target + " answered " + status + statusDetail(reply);
    if (status == 429) {
      return new FunctionThrottledException(detail);
    }
    if (status == 408 || status == 504) {
      return new FunctionTimeoutException(detail);
    }
    if (status == 413) {
      return new PayloadTooLargeException(detail, payloadBytes, -1);
    }
    // a 4xx refuses the request itself (auth, unknown target): the function did not run
    boolean refused = status >= 400 && status < 500;
    return new FunctionTransportException(detail, !refused, null);
  }

  /** Refuses an envelope above {@code limit} before anything is sent. */
  public static PayloadTooLargeException oversize(String target, int payloadBytes, int limit) {
    return new PayloadTooLargeException("request envelope of " + payloadBytes
        + " bytes exceeds the " + limit + " bytes " + target + " accepts", payloadBytes, limit);
  }

  private static String statusDetail(HttpReply reply) {
    String snippet = reply.snippet();
    return snippet.isEmpty() ? "" : ": " + snippet;
  }
}
