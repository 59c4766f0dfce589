package io.spillover.attest.seal.internal;

import io.spillover.SpilloverClock;
import io.spillover.attest.internal.Hex;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPublicKeyset;
import io.spillover.attest.seal.SealedSpill;
import io.spillover.attest.seal.SealedSpillListener;
import io.spillover.attest.seal.TamperedReply;
import io.spillover.function.FunctionRef;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import io.spillover.seal.SealingException;
import io.spillover.seal.UnauthenticatedReplyException;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The sealed channel to one target. Sealing a call costs one AEAD pass; a new session (HPKE +
 * signature) is opened only when the current one reaches its age or message bound. Replies carry
 * their session id, and the channel keeps a few previous sessions so replies to calls sealed just
 * before a rotation still open.
 */
public final class CallerChannel implements SealedChannel {
  private final FunctionRef target;
  private final FunctionPublicKeyset keyset;
  private final CallerIdentity caller;
  private final SpilloverClock clock;
  private final SealedSpillListener listener;
  private final long rotateAfterMillis;
  private final long graceMillis;
  private final long maxMessages;
  private final int retainedSessions;
  private final boolean sharedReplayGuard;
  private final ArrayDeque<CallerSession> previous = new ArrayDeque<>();
  private volatile CallerSession current;

  public CallerChannel(FunctionRef target, FunctionPublicKeyset keyset, CallerIdentity caller,
      SpilloverClock clock, SealedSpillListener listener, long rotateAfterMillis, long graceMillis,
      long maxMessages, int retainedSessions, boolean sharedReplayGuard) {
    this.target = target;
    this.keyset = keyset;
    this.caller = caller;
    this.clock = clock;
    this.listener = listener;
    this.rotateAfterMillis = rotateAfterMillis;
    this.graceMillis = graceMillis;
    this.maxMessages = maxMessages;
    this.retainedSessions = retainedSessions;
    this.sharedReplayGuard = sharedReplayGuard;
  }

  @Override
  public SealedPayload seal(String service, String requestId, long deadlineEpochMillis,
      byte[] body) {
    long now = clock.epochMillis();
    CallerSession session = current;
    if (session == null || !session.reserve(now)) {
      session = rotate(session, now);
    }
    byte[] ciphertext;
    try {
      ciphertext = session.keys().sealRequest(service, requestId, deadlineEpochMillis, body);
    } catch (GeneralSecurityException e) {
      throw new SealingException("cannot seal call " + requestId + " for " + target, e);
    }
    if (listener != null) {
      try {
        listener.onSealed(new SealedSpill(target, keyset.function(), caller.name(), service,
            requestId, session.idHex(), now));
      } catch (RuntimeException e) {
        throw new SealingException("sealed-spill listener refused call " + requestId
            + " (not sent): " + e.getMessage(), e);
      }
    }
    return new SealedPayload(session.header(), ciphertext);
  }

  @Override
  public byte[] openReply(String service, String requestId, byte[] ciphertext) {
    if (ciphertext.length <= SessionHeader.SESSION_ID_BYTES) {
      throw new SealingException("sealed reply to " + requestId + " is too short");
    }
    byte[] id = Arrays.copyOf(ciphertext, SessionHeader.SESSION_ID_BYTES);
    CallerSession session = find(id);
    if (session == null) {
      throw new SealingException("sealed reply to " + requestId + " names session "
          + Hex.encode(id) + ", which this channel does not hold (expired, or not ours)");
    }
    byte[] body = Arrays.copyOfRange(ciphertext, SessionHeader.SESSION_ID_BYTES,
        ciphertext.length);
    try {
      return session.keys().openReply(service, requestId, body);
    } catch (GeneralSecurityException e) {
      throw new SealingException("sealed reply to " + requestId
          + " does not open (tampered, or sealed for another request)", e);
    }
  }

  @Override
  public boolean sharedReplayGuard() {
    return sharedReplayGuard;
  }

  @Override
  public void replyRejected(String service, String requestId,
      UnauthenticatedReplyException.Kind kind) {
    if (listener != null) {
      listener.onTamperedReply(new TamperedReply(target, keyset.function(), caller.name(),
          service, requestId, kind, clock.epochMillis()));
    }
  }

  /** The current session's id (hex), or null before the first call. For tests and metrics. */
  public String currentSessionId() {
    CallerSession session = current;
    return session == null ? null : session.idHex();
  }

  private synchronized CallerSession rotate(CallerSession seen, long now) {
    CallerSession latest = current;
    if (latest != seen && latest != null && latest.reserve(now)) {
      return latest;
    }
    CallerSession fresh;
    try {
      fresh = CallerSession.open(keyset, caller, now, rotateAfterMillis, graceMillis,
          maxMessages);
    } catch (GeneralSecurityException e) {
      throw new SealingException("cannot open a sealed session to " + target, e);
    }
    if (!fresh.reserve(now)) {
      throw new SealingException("a fresh session to " + target + " has no budget");
    }
    if (latest != null) {
      previous.addFirst(latest);
    }
    prune(now);
    current = fresh;
    return fresh;
  }

  private synchronized CallerSession find(byte[] id) {
    CallerSession session = current;
    if (session != null && Arrays.equals(session.id(), id)) {
      return session;
    }
    prune(clock.epochMillis());
    for (CallerSession old : previous) {
      if (Arrays.equals(old.id(), id)) {
        return old;
      }
    }
    return null;
  }

  private void prune(long now) {
    while (previous.size() > retainedSessions) {
      previous.removeLast();
    }
    for (Iterator<CallerSession> it = previous.iterator(); it.hasNext(); ) {
      if (it.next().expired(now)) {
        it.remove();
      }
    }
  }
}
