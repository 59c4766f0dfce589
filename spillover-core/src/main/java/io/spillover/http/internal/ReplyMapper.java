package io.spillover.http.internal;

import io.spillover.function.FunctionException;

/** Turns a platform's HTTP reply into the reply envelope's bytes, or a typed failure. */
@FunctionalInterface
public interface ReplyMapper {
  byte[] map(HttpReply reply) throws FunctionException;
}
