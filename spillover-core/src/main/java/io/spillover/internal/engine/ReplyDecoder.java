package io.spillover.internal.engine;

import io.spillover.codec.Codec;
import io.spillover.codec.CodecException;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionErrorType;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.UnauthenticatedReplyException;
import io.spillover.seal.UnauthenticatedReplyException.Kind;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import io.spillover.wire.SealedFrames;
import java.lang.reflect.Type;

/**
 * Maps a reply envelope to a result or to the typed exception the core's rules act on. For a
 * sealed call only a reply that opens under the call's session counts: its result or error is the
 * function's; anything else is an {@link UnauthenticatedReplyException}.
 */
final class ReplyDecoder {
  private ReplyDecoder() {}

  static ResponseEnvelope envelope(byte[] bytes) {
    try {
      return EnvelopeFormat.decodeResponse(bytes);
    } catch (CodecException e) {
      throw new FunctionTransportException("malformed reply: " + e.getMessage(), true, e);
    }
  }

  /** The result of a reply; {@code channel} is the sealed call's channel, or null when plain. */
  @SuppressWarnings("unchecked") // the registry pairs R with its type
  static <R> R body(ResponseEnvelope reply, String service, String id, Codec codec,
      Type type, SealedChannel channel) {
    byte[] body;
    if (channel != null) {
      SealedFrames.Reply frame = openSealed(reply, service, id, channel);
      if (!frame.ok()) {
        throw failure(frame.errorType(), frame.errorMessage());
      }
      body = frame.body();
    } else {
      if (reply.sealed()) {
        throw new FunctionTransportException("a plain call got a sealed reply", true, null);
      }
      if (!reply.ok) {
        throw failure(reply.errorType, reply.errorMessage);
      }
      body = reply.body;
    }
    if (body == null) {
      throw new FunctionTransportException("reply has no body", true, null);
    }
    try {
      return type instanceof Class ? ((Class<R>) type).cast(codec.decode(body, (Class<R>) type))
          : (R) codec.decode(body, type);
    } catch (CodecException e) {
      throw new FunctionTransportException("reply body: " + e.getMessage(), true, e);
    }
  }

  private static SealedFrames.Reply openSealed(ResponseEnvelope reply, String service, String id,
      SealedChannel channel) {
    if (!reply.sealed()) {
      throw reply.ok ? new UnauthenticatedReplyException(Kind.PLAIN_RESULT, null, null)
          : new UnauthenticatedReplyException(Kind.PLAIN_ERROR, reply.errorType, null);
    }
    byte[] plaintext;
    try {
      plaintext = channel.openReply(service, id, reply.sealedCiphertext);
    } catch (RuntimeException e) {
      throw new UnauthenticatedReplyException(Kind.DOES_NOT_OPEN, null, e);
    }
    try {
      return SealedFrames.openReply(plaintext);
    } catch (CodecException e) {
      // authentic, so the function sent it: a version mismatch or a bug, not tampering
      throw new FunctionTransportException("sealed reply: " + e.getMessage(), true, e);
    }
  }

  static FunctionException failure(String type, String errorMessage) {
    String message = errorMessage == null ? "" : errorMessage;
    if (FunctionErrorType.BUSY.name().equals(type)) {
      return new FunctionThrottledException("function side busy: " + message);
    }
    if (FunctionErrorType.DEADLINE_EXPIRED.name().equals(type)) {
      return new FunctionTimeoutException("function side: " + message);
    }
    return new FunctionErrorException(type, message);
  }

  /** Whether the function's own handler threw, which is the call's answer, not a spill failure. */
  static boolean isHandlerError(Throwable e) {
    return e instanceof FunctionErrorException
        && FunctionErrorType.HANDLER_ERROR.name().equals(((FunctionErrorException) e).type());
  }
}
