package io.spillover.internal;

import io.spillover.codec.Codec;
import io.spillover.codec.CodecException;
import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionErrorType;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealingException;
import java.lang.reflect.Type;

/** Maps a reply envelope to a result or to the typed exception the core's rules act on. */
final class ReplyDecoder {
  private ReplyDecoder() {}

  static ResponseEnvelope envelope(byte[] bytes) {
    try {
      return EnvelopeFormat.decodeResponse(bytes);
    } catch (CodecException e) {
      throw new FunctionTransportException("malformed reply: " + e.getMessage(), true, e);
    }
  }

  @SuppressWarnings("unchecked") // the registry pairs R with its type
  static <R> R body(ResponseEnvelope reply, String service, String id, Codec codec,
      Type type, SealedChannel channel) {
    if (!reply.ok) {
      throw failure(reply);
    }
    byte[] body = reply.body;
    if (channel != null) {
      if (reply.sealedCiphertext == null) {
        throw new FunctionTransportException("a sealed call got a plain reply", true, null);
      }
      try {
        body = channel.openReply(service, id, reply.sealedCiphertext);
      } catch (SealingException e) {
        throw new FunctionTransportException("sealed reply refused: " + e.getMessage(), true, e);
      }
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

  static FunctionException failure(ResponseEnvelope reply) {
    String type = reply.errorType;
    String message = reply.errorMessage == null ? "" : reply.errorMessage;
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
