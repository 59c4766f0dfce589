package io.spillover.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The default {@link FunctionInvoker#invokeBlocking}: the asynchronous outcome, unwrapped. */
class FunctionInvokerTest {
  private static Invocation invocation(long deadlineFromNowMillis) {
    return new Invocation("id", "svc", new byte[] {'{', '}'},
        System.currentTimeMillis() + deadlineFromNowMillis, false);
  }

  private static FunctionInvoker answering(CompletableFuture<byte[]> reply) {
    return new FunctionInvoker() {
      @Override
      public CompletableFuture<byte[]> invoke(Invocation invocation) {
        return reply;
      }

      @Override
      public int maxRequestBytes() {
        return 1024;
      }
    };
  }

  @Test
  void aReplyIsReturned() {
    byte[] bytes = {1, 2};
    assertThat(answering(CompletableFuture.completedFuture(bytes)).invokeBlocking(invocation(5000)))
        .isSameAs(bytes);
  }

  @Test
  void aTypedFailureIsThrownAsItIs() {
    FunctionThrottledException throttled = new FunctionThrottledException("429");
    assertThatThrownBy(() -> answering(CompletableFuture.failedFuture(throttled))
        .invokeBlocking(invocation(5000))).isSameAs(throttled);
  }

  @Test
  void aCheckedFailureBecomesATransportException() {
    assertThatThrownBy(() -> answering(CompletableFuture.failedFuture(new IOException("reset")))
        .invokeBlocking(invocation(5000)))
        .isInstanceOf(FunctionTransportException.class).hasMessageContaining("reset");
  }

  @Test
  void aProviderThatOverrunsTheDeadlineTimesOutAndIsCancelled() {
    CompletableFuture<byte[]> never = new CompletableFuture<>();
    assertThatThrownBy(() -> answering(never).invokeBlocking(invocation(-FunctionInvoker
        .BLOCKING_GRACE_MILLIS)))
        .isInstanceOf(FunctionTimeoutException.class);
    assertThat(never).isCancelled();
  }
}
