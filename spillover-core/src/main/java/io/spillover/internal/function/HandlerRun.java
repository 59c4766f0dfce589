package io.spillover.internal.function;

import io.spillover.codec.Codec;
import io.spillover.function.FunctionErrorType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a request body, runs its handler and encodes the result. Every failure of the handler,
 * {@link Error}s included, becomes a {@code HANDLER_ERROR} reply, except a
 * {@link VirtualMachineError} other than {@link StackOverflowError} (out of memory, an internal
 * JVM error): the instance may be unfit to go on, so that one is rethrown for the platform to
 * replace the instance. A stack overflow has unwound by the time it is caught, so it is answered.
 */
final class HandlerRun {
  private static final Logger log = LoggerFactory.getLogger(HandlerRun.class);

  private HandlerRun() {}

  static byte[] run(String service, FunctionDispatcher.HandlerBinding<?, ?> route, byte[] body,
      Optional<String> caller, Codec codec, Replier reply) {
    Object request;
    try {
      request = codec.decode(body, route.requestType);
    } catch (RuntimeException e) {
      // the decoder's message may quote the body: it goes back only inside a sealed reply or to
      // a plain caller that sent it in plain text, and is never logged
      return reply.error(FunctionErrorType.BAD_REQUEST, e.getMessage());
    }
    byte[] result;
    try {
      result = codec.encode(route.invoke(request, caller));
    } catch (VirtualMachineError e) {
      if (!(e instanceof StackOverflowError)) {
        throw e;
      }
      return handlerError(service, e, reply);
    } catch (Throwable e) {
      return handlerError(service, e, reply);
    }
    return reply.result(result);
  }

  private static byte[] handlerError(String service, Throwable e, Replier reply) {
    if (reply.sealed()) {
      // a sealed call's exception messages may quote its plain text: the log (which the
      // platform reads) gets the class only
      log.debug("handler for {} failed: {}", service, e.getClass().getName());
    } else {
      log.debug("handler for {} failed", service, e);
    }
    return reply.error(FunctionErrorType.HANDLER_ERROR,
        e.getClass().getSimpleName() + ": " + e.getMessage());
  }
}
