package io.spillover.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.spillover.grpc.internal.SpillingCall;

/**
 * The grpc-java adapter: {@code ClientInterceptors.intercept(destinationChannel,
 * new SpilloverGrpcInterceptor(logic))}. Unary calls the rules let spill go through the
 * destination's {@link GrpcSpillway}: under its limit they run on the destination as they are; at
 * the limit they go to the twin as the same call, with the call's deadline. Other calls
 * (streaming, non-idempotent methods no rule lists) pass through untouched.
 *
 * <p>A call the spillway ends itself closes with one status whose cause is the Spillover exception:
 * UNAVAILABLE for a {@link io.spillover.SpillRejectedException} (its reason says why),
 * DEADLINE_EXCEEDED when the deadline passed first, UNKNOWN when a spill-once call's twin may have
 * run it ({@code SPILL_OUTCOME_UNKNOWN}: it is not run again on the destination).
 */
public final class SpilloverGrpcInterceptor implements ClientInterceptor {
  private final GrpcSpillway destination;

  /** An interceptor for the channel to {@code destination}. */
  public SpilloverGrpcInterceptor(GrpcSpillway destination) {
    this.destination = destination;
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method,
      CallOptions callOptions, Channel next) {
    switch (destination.rules().verdict(method)) {
      case SPILL_IDEMPOTENT:
        return new SpillingCall<>(destination.spillway(), true, method, callOptions, next);
      case SPILL_ONCE:
        return new SpillingCall<>(destination.spillway(), false, method, callOptions, next);
      default:
        return next.newCall(method, callOptions);
    }
  }
}
