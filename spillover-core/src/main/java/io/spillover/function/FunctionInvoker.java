package io.spillover.function;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends invocations to one function target. Implementations are thread-safe and
 * {@link #invoke} never blocks the calling thread: the returned future completes with the reply
 * envelope's bytes (whatever the envelope says, including an error envelope) or fails with a
 * {@link FunctionException} subtype: {@link FunctionThrottledException},
 * {@link FunctionTimeoutException}, {@link FunctionTransportException} or
 * {@link FunctionErrorException}.
 */
public interface FunctionInvoker extends AutoCloseable {
  /** How long past its deadline {@link #invokeBlocking} waits for a provider that overruns it. */
  long BLOCKING_GRACE_MILLIS = 1000;

  CompletableFuture<byte[]> invoke(Invocation invocation);

  /**
   * The same invocation for a caller that blocks anyway ({@code Spillway.call}): returns the reply
   * bytes or throws the {@link FunctionException} {@link #invoke} would have failed with.
   * Providers whose client can run the exchange on the calling thread override it to skip the
   * hand-off to their I/O threads; this default waits for {@link #invoke}, at most until the
   * invocation's deadline plus {@link #BLOCKING_GRACE_MILLIS}.
   */
  default byte[] invokeBlocking(Invocation invocation) {
    CompletableFuture<byte[]> reply = invoke(invocation);
    long wait = invocation.deadlineEpochMillis() - System.currentTimeMillis()
        + BLOCKING_GRACE_MILLIS;
    try {
      return reply.get(Math.max(1, wait), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new FunctionTransportException("invocation failed: " + cause, true, cause);
    } catch (TimeoutException e) {
      reply.cancel(true);
      throw new FunctionTimeoutException("no reply before the deadline");
    } catch (CancellationException e) {
      throw new FunctionTransportException("invocation cancelled", true, e);
    } catch (InterruptedException e) {
      reply.cancel(true);
      Thread.currentThread().interrupt();
      throw new FunctionTransportException("interrupted while waiting for the reply", true, e);
    }
  }

  /**
   * Checks the target before any call is sent: deployed, reachable, and where the provider can
   * tell, serving {@code service}. The registry calls it once per spillway it creates (see
   * {@code SpilloverRegistry.Builder.targetCheck}), so a misconfiguration shows at startup rather
   * than as failed spills under load. Blocks at most {@code timeout} and never throws: a check
   * that could not be made is {@link TargetCheck.Status#UNREACHABLE}. The default says the
   * provider cannot check ({@link TargetCheck.Status#UNSUPPORTED}).
   */
  default TargetCheck check(String service, Duration timeout) {
    return TargetCheck.unsupported("this provider does not check its targets");
  }

  /** The largest request payload this target accepts (Lambda: 6 MB synchronous). */
  int maxRequestBytes();

  @Override
  default void close() {}
}
