package io.spillover.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.spillover.function.FunctionException;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.Invocation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads the typed failure of an invocation; a bounded wait guards against a hung exchange. */
public final class Outcomes {
  private Outcomes() {}

  public static FunctionException failure(CompletableFuture<byte[]> f) {
    try {
      byte[] reply = f.get(30, TimeUnit.SECONDS);
      return fail("expected a failure, got a reply of " + reply.length + " bytes");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(FunctionException.class);
      return (FunctionException) e.getCause();
    } catch (TimeoutException e) {
      return fail("the invocation hung past its deadline");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** The failure of a blocking invocation, which must throw a {@link FunctionException}. */
  public static FunctionException blockingFailure(FunctionInvoker invoker,
      Invocation invocation) {
    try {
      byte[] reply = invoker.invokeBlocking(invocation);
      return fail("expected a failure, got a reply of " + reply.length + " bytes");
    } catch (FunctionException e) {
      return e;
    }
  }
}
