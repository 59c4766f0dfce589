package io.spillover;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Admission for one service: each call runs locally under a permit, or, when the service is at
 * its limit, spills to the service's function twin, or waits a bounded time for a local permit,
 * or is rejected with a {@link SpillRejectedException} that says why. Every call ends in exactly
 * one of: a result, the service's own exception, or one Spillover exception.
 *
 * <pre>{@code
 * ComposeResponse r = compose.call(request, service::compose);
 * }</pre>
 *
 * <p>Get instances from a {@link SpilloverRegistry}; one spillway per protected service.
 *
 * @param <Q> the request type (encoded to the function twin with the registry's codec)
 * @param <R> the response type
 */
public interface Spillway<Q, R> {

  String name();

  SpillwayConfig config();

  /** Runs {@code local} here, or spills the call; see the class comment. */
  default R call(Q request, Function<? super Q, ? extends R> local) {
    return call(request, CallOptions.defaults(), local);
  }

  /**
   * @throws NullPointerException if {@code request} is null (a spillable call needs a body)
   * @throws SpillRejectedException when the call ran nowhere
   * @throws io.spillover.function.FunctionErrorException when the function twin's handler threw
   */
  R call(Q request, CallOptions options, Function<? super Q, ? extends R> local);

  /** The asynchronous form: {@code local} returns a stage and the result is a stage. */
  default CompletionStage<R> callAsync(Q request,
      Function<? super Q, ? extends CompletionStage<R>> local) {
    return callAsync(request, CallOptions.defaults(), local);
  }

  CompletionStage<R> callAsync(Q request, CallOptions options,
      Function<? super Q, ? extends CompletionStage<R>> local);

  /** {@code local} wrapped so that each application goes through this spillway. */
  default Function<Q, R> decorate(Function<? super Q, ? extends R> local) {
    return request -> call(request, local);
  }

  /** A live view of this spillway's state and counters. */
  SpillwayMetrics metrics();
}
