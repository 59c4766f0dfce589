package io.spillover.grpc.internal;

import io.spillover.OverloadSignal;

/**
 * The destination answered with an overload status (UNAVAILABLE, RESOURCE_EXHAUSTED,
 * DEADLINE_EXCEEDED). Its answer has already gone to the caller; this only fails the spillway's
 * local stage so the adaptive limit counts a drop. One shared instance: it carries no state and
 * no stack, so the overload path allocates nothing for it.
 */
final class DestinationStatus extends RuntimeException implements OverloadSignal {
  private static final long serialVersionUID = 1L;
  static final DestinationStatus SIGNAL = new DestinationStatus();

  private DestinationStatus() {
    super("the destination signalled overload", null, false, false);
  }
}
