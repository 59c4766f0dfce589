package io.spillover.grpc;

import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.SpillwayMetrics;
import io.spillover.grpc.internal.OutgoingCall;
import io.spillover.grpc.internal.WireReply;

/**
 * A destination gRPC service's client-side spillway: a core {@link Spillway} (limit, hysteresis,
 * budget, breaker, metrics) whose local path is the call on the destination's channel and whose
 * twin is reached through {@link TwinGrpcProvider}. Wrap the destination's channel with a
 * {@link SpilloverGrpcInterceptor} over it. The limit is client-side and learns from the
 * destination's answers: UNAVAILABLE, RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED count as drops.
 */
public final class GrpcSpillway {
  private final Spillway<OutgoingCall, WireReply> spillway;
  private final GrpcMethodRules rules;

  /** A spillway named {@code name} in {@code registry}, with {@code config}'s limits and twin. */
  public GrpcSpillway(SpilloverRegistry registry, String name, SpillwayConfig config,
      GrpcMethodRules rules) {
    this.rules = rules;
    this.spillway = registry.spillway(name, config, OutgoingCall.class, WireReply.class);
  }

  /** The spillway's name. */
  public String name() {
    return spillway.name();
  }

  /** The rules that say which methods may spill. */
  public GrpcMethodRules rules() {
    return rules;
  }

  /** A live view of the spillway's state and counters. */
  public SpillwayMetrics metrics() {
    return spillway.metrics();
  }

  Spillway<OutgoingCall, WireReply> spillway() {
    return spillway;
  }
}
