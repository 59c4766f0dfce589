package io.spillover.openwhisk.internal;

import io.spillover.function.FunctionException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.http.spi.HttpExchange;
import io.spillover.http.spi.HttpReply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Request;

/**
 * One invocation's exchange with OpenWhisk: the blocking invoke, then, if the action outlives
 * OpenWhisk's blocking wait, polls of its activation with growing pauses, all within the deadline.
 * Cancelling the result cancels the HTTP call in flight.
 */
final class ActivationCall {
  private final OpenWhiskInvoker invoker;
  private final long deadline;
  private final int payloadBytes;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile CompletableFuture<HttpReply> inFlight;
  private volatile String lastPollProblem = "";

  ActivationCall(OpenWhiskInvoker invoker, long deadline, int payloadBytes) {
    this.invoker = invoker;
    this.deadline = deadline;
    this.payloadBytes = payloadBytes;
    result.whenComplete((r, e) -> {
      CompletableFuture<HttpReply> f = inFlight;
      if (result.isCancelled() && f != null) {
        f.cancel(false);
      }
    });
  }

  CompletableFuture<byte[]> start(Request invoke) {
    send(invoke, reply -> {
      if (reply.status() != 202) {
        result.complete(ActivationReplies.invokeResult(reply, invoker.target(), payloadBytes));
        return;
      }
      String id = ActivationReplies.activationId(reply);
      if (id == null) {
        throw new FunctionTransportException("OpenWhisk accepted " + invoker.target()
            + " but named no activation: " + reply.snippet(), true, null);
      }
      schedulePoll(id, invoker.minPoll().toMillis());
    }, result::completeExceptionally);
    return result;
  }

  private void schedulePoll(String id, long pauseMillis) {
    long remaining = deadline - invoker.clock().epochMillis();
    if (remaining <= 0) {
      result.completeExceptionally(new FunctionTimeoutException("activation " + id + " of "
          + invoker.target() + " did not finish by the deadline" + lastPollProblem));
      return;
    }
    long next = Math.min(pauseMillis * 2, invoker.maxPoll().toMillis());
    CompletableFuture.delayedExecutor(Math.min(pauseMillis, remaining), TimeUnit.MILLISECONDS)
        .execute(() -> poll(id, next));
  }

  private void poll(String id, long nextPause) {
    if (result.isDone()) {
      return;
    }
    send(invoker.activationRequest(id), reply -> {
      int status = reply.status();
      if (status == 200) {
        result.complete(ActivationReplies.activationResult(reply, invoker.target(), id));
      } else if (status == 404 || status == 429 || status >= 500) {
        // not recorded yet, or a transient problem of the API: the action may still be running
        lastPollProblem = " (last poll: " + status + ")";
        schedulePoll(id, nextPause);
      } else {
        throw new FunctionTransportException("polling activation " + id + " of "
            + invoker.target() + " failed with " + status + ": " + reply.snippet(), true, null);
      }
    }, e -> {
      if (e instanceof FunctionTimeoutException) {
        result.completeExceptionally(new FunctionTimeoutException("activation " + id + " of "
            + invoker.target() + " did not finish by the deadline" + lastPollProblem));
      } else {
        lastPollProblem = " (last poll: " + e.getMessage() + ")";
        schedulePoll(id, nextPause);
      }
    });
  }

  /** Sends one request; a failure of the exchange goes to {@code onFailure}. */
  private void send(Request request, ReplyStep onReply,
      Consumer<FunctionException> onFailure) {
    if (result.isDone()) {
      return;
    }
    CompletableFuture<HttpReply> f = HttpExchange.send(invoker.client(), request, deadline,
        invoker.clock(), invoker.target());
    inFlight = f;
    if (result.isCancelled()) {
      f.cancel(false);
    }
    f.whenComplete((reply, error) -> {
      if (result.isDone()) {
        return;
      }
      if (error != null) {
        Throwable cause = HttpExchange.unwrap(error);
        onFailure.accept(cause instanceof FunctionException ? (FunctionException) cause
            : new FunctionTransportException(cause.toString(), true, cause));
        return;
      }
      try {
        onReply.accept(reply);
      } catch (FunctionException e) {
        result.completeExceptionally(e);
      } catch (RuntimeException e) {
        result.completeExceptionally(new FunctionTransportException(
            "cannot read the reply of " + invoker.target() + ": " + e, true, e));
      }
    });
  }

  @FunctionalInterface
  private interface ReplyStep {
    void accept(HttpReply reply);
  }
}
