package io.spillover.samples.social.service;

import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.service.internal.UniqueIdGenerator;
import java.time.Clock;

/**
 * unique-id: 64-bit post ids (machine id, ms since 2018-01-01, counter). The only state is the
 * counter of this instance, so every instance (VM replica or function instance) needs its own
 * machine id; see the module README for how to assign them.
 */
public final class UniqueIdService {

  /** {@code ComposeUniqueId}; the post type is ignored, as in the original. */
  public record ComposeUniqueIdRequest(long reqId, PostType postType) {}

  /** The new id. */
  public record ComposeUniqueIdResponse(long uniqueId) {}

  private final UniqueIdGenerator ids;

  /** An instance with machine id 0..2047. */
  public UniqueIdService(int machineId, Clock clock) {
    this.ids = new UniqueIdGenerator(machineId, clock);
  }

  /** A fresh id, never one this instance returned before. */
  public ComposeUniqueIdResponse composeUniqueId(ComposeUniqueIdRequest request) {
    Checks.present(request, "request");
    return new ComposeUniqueIdResponse(ids.next());
  }
}
