package io.spillover.grpc.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A unary call's answer as it comes back from the twin: the status, the reply message (marshalled)
 * and the trailers. {@link #LOCAL} stands for an answer that the destination already delivered to
 * the caller's listener, so the local path copies nothing.
 *
 * @param code the gRPC status code value
 * @param description the status description, if any
 * @param message the reply message when {@code code} is OK
 * @param trailers the trailers ({@code -bin} values base64)
 */
public record WireReply(int code, @Nullable String description, byte @Nullable [] message,
    Map<String, List<String>> trailers) {
  /** The destination answered and its answer went straight to the caller. */
  public static final WireReply LOCAL = new WireReply(0, null, null, Map.of());
}
