package io.spillover.function;

/** The service code a function twin runs for one named service. */
@FunctionalInterface
public interface FunctionHandler<Q, R> {
  R handle(Q request) throws Exception;
}
