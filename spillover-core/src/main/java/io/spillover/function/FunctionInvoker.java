package io.spillover.function;

import java.util.concurrent.CompletableFuture;

/**
 * Sends invocations to one function target. Implementations are thread-safe and never block the
 * calling thread: the returned future completes with the reply envelope's bytes (whatever the
 * envelope says, including an error envelope) or fails with a {@link FunctionException} subtype:
 * {@link FunctionThrottledException}, {@link FunctionTimeoutException},
 * {@link FunctionTransportException} or {@link FunctionErrorException}.
 */
public interface FunctionInvoker extends AutoCloseable {

  CompletableFuture<byte[]> invoke(Invocation invocation);

  /** The largest request payload this target accepts (Lambda: 6 MB synchronous). */
  int maxRequestBytes();

  @Override
  default void close() {}
}
