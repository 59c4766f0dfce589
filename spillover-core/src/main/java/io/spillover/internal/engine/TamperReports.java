package io.spillover.internal.engine;

import io.spillover.SpillwayListener;
import io.spillover.function.FunctionErrorException;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.UnauthenticatedReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the spill path does with a reply to a sealed call that is not authentic: counts it, tells
 * the listener and the channel (which may append it to an audit log), and lets it fail the spill.
 * A function error the platform reports itself is one too: only the function's sealed reply can
 * say that the handler failed.
 */
final class TamperReports {
  private static final Logger log = LoggerFactory.getLogger(TamperReports.class);
  private final String spillway;
  private final CallCounters counters;
  private final SpillwayListener listener;

  TamperReports(String spillway, CallCounters counters, SpillwayListener listener) {
    this.spillway = spillway;
    this.counters = counters;
    this.listener = listener;
  }

  /** The exception an invocation of {@code id} failed with, as the spill path should see it. */
  RuntimeException failure(RuntimeException e, String id, SealedChannel channel) {
    if (channel == null || !(e instanceof FunctionErrorException)) {
      return e;
    }
    UnauthenticatedReplyException u = new UnauthenticatedReplyException(
        UnauthenticatedReplyException.Kind.PLATFORM_ERROR, ((FunctionErrorException) e).type(), e);
    record(u, id, channel);
    return u;
  }

  void record(UnauthenticatedReplyException e, String id, SealedChannel channel) {
    counters.tamperedReplies.increment();
    listener.onTamperedReply(spillway, id, e.kind());
    try {
      channel.replyRejected(spillway, id, e.kind());
    } catch (RuntimeException failed) {
      log.warn("{}: recording the unauthenticated reply to {} failed: {}", spillway, id,
          failed.toString());
    }
  }
}
