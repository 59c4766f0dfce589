package io.spillover.http.spi;

import io.spillover.function.FunctionException;

/** Turns a platform's HTTP reply into the reply envelope's bytes, or a typed failure. */
@FunctionalInterface
public interface ReplyMapper {
  /** The response envelope in {@code reply}; a non-envelope reply throws a typed failure. */
  byte[] map(HttpReply reply) throws FunctionException;
}
