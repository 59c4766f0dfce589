package io.spillover.attest.seal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import io.spillover.SpilloverClock;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.ReleasedKeys;
import io.spillover.attest.seal.internal.HeaderVerifier;
import io.spillover.attest.seal.internal.OpenedSession;
import io.spillover.attest.seal.internal.SessionCache;
import io.spillover.seal.SealedCallOpener;
import io.spillover.seal.SealingException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The function side of confidential spillover, for {@code FunctionApp}. The first call of a session
 * pays for checking its header (caller named by the policy, caller's signature, lifetime, HPKE
 * decapsulation); the verified session is cached, so each further call costs one AES-GCM pass.
 * Calls past their deadline, or with a deadline too far ahead, are refused. Every refusal is a
 * {@link SealingException} saying why, in terms of the header (caller, session, key id), never of
 * the plain text. Replays are the {@code FunctionApp}'s business: it sees a call only once it
 * opened here, keeps its reply for duplicates, and runs a call not marked idempotent only under
 * a replay guard shared by the function's instances.
 *
 * <p>Bounds: at most {@code maxSessions} verified sessions are cached (least recently used dropped
 * first; a dropped session is re-verified on its next call).
 */
public final class SessionOpener implements SealedCallOpener {
  private final HeaderVerifier verifier;
  private final SpilloverClock clock;
  private final long skewMillis;
  private final long maxDeadlineAheadMillis;
  private final SessionCache sessions;
  private final AtomicLong sessionsVerified = new AtomicLong();
  /** Headers being verified now: at most one entry per call in flight. */
  private final Map<String, CompletableFuture<OpenedSession>> verifying =
      new ConcurrentHashMap<>();

  private SessionOpener(Builder b) throws GeneralSecurityException {
    Map<String, PublicKeyVerify> callers = new HashMap<>();
    for (Map.Entry<String, KeysetHandle> e : b.callers.entrySet()) {
      callers.put(e.getKey(), Tinks.primitive(e.getValue(), PublicKeyVerify.class));
    }
    this.skewMillis = b.clockSkew.toMillis();
    this.verifier = new HeaderVerifier(b.function, b.privateKeyset, callers, skewMillis,
        b.maxSessionLifetime.toMillis());
    this.clock = b.clock;
    this.maxDeadlineAheadMillis = b.maxDeadlineAhead.toMillis();
    this.sessions = new SessionCache(b.maxSessions);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public OpenedCall open(String service, String requestId, long deadline, String session,
      byte[] ciphertext) {
    long now = clock.epochMillis();
    if (deadline < now - skewMillis) {
      throw new SealingException("call " + requestId + " is past its deadline (" + deadline
          + ", now " + now + ")");
    }
    if (deadline > now + maxDeadlineAheadMillis) {
      throw new SealingException("call " + requestId + " has a deadline more than "
          + maxDeadlineAheadMillis + " ms ahead; refused (the replay window is bounded)");
    }
    OpenedSession opened = session(session, now);
    byte[] body;
    try {
      body = opened.keys().openRequest(service, requestId, deadline, ciphertext);
    } catch (GeneralSecurityException e) {
      throw new SealingException("call " + requestId + " does not open under session "
          + opened.idHex() + " (tampered ciphertext, or sealed for another service, request id"
          + " or deadline)", e);
    }
    return new Opened(opened, service, requestId, body);
  }

  /** How many session headers were fully verified (HPKE + signature) so far. */
  public long sessionsVerified() {
    return sessionsVerified.get();
  }

  private OpenedSession session(String header, long now) {
    Objects.requireNonNull(header, "session");
    OpenedSession opened = sessions.get(header);
    if (opened == null) {
      opened = verifyOnce(header, now);
    } else if (verifier.expired(opened, now)) {
      sessions.remove(header);
      throw new SealingException("session " + opened.idHex() + " expired at "
          + opened.expiresAt() + " (now " + now + ")");
    }
    return opened;
  }

  /**
   * Verifies a header once however many of its calls arrive together (a new session's first
   * calls on a busy instance): the others wait for that verification, its refusal included,
   * instead of each repeating the HPKE decapsulation and the signature check.
   */
  private OpenedSession verifyOnce(String header, long now) {
    CompletableFuture<OpenedSession> mine = new CompletableFuture<>();
    CompletableFuture<OpenedSession> running = verifying.putIfAbsent(header, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw new SealingException(e.getCause().getMessage(), e.getCause());
      }
    }
    try {
      OpenedSession opened = verifier.verify(header, now);
      sessionsVerified.incrementAndGet();
      sessions.put(header, opened);
      mine.complete(opened);
      return opened;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      verifying.remove(header, mine);
    }
  }

  private static final class Opened implements OpenedCall {
    private final OpenedSession session;
    private final String service;
    private final String requestId;
    private final byte[] body;

    Opened(OpenedSession session, String service, String requestId, byte[] body) {
      this.session = session;
      this.service = service;
      this.requestId = requestId;
      this.body = body;
    }

    @Override
    public byte[] body() {
      return body;
    }

    @Override
    public String caller() {
      return session.caller();
    }

    @Override
    public byte[] sealReply(byte[] replyBody) {
      try {
        byte[] ct = session.keys().sealReply(service, requestId, replyBody);
        byte[] id = session.id();
        byte[] out = new byte[id.length + ct.length];
        System.arraycopy(id, 0, out, 0, id.length);
        System.arraycopy(ct, 0, out, id.length, ct.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new SealingException("cannot seal the reply to " + requestId, e);
      }
    }
  }

  /** Builds a {@link SessionOpener}; validates eagerly. */
  public static final class Builder {
    private String function;
    private KeysetHandle privateKeyset;
    private final Map<String, KeysetHandle> callers = new HashMap<>();
    private SpilloverClock clock = SpilloverClock.system();
    private int maxSessions = 4096;
    private Duration maxDeadlineAhead = Duration.ofMinutes(15);
    private Duration maxSessionLifetime = Duration.ofHours(1);
    private Duration clockSkew = Duration.ofSeconds(5);

    private Builder() {}

    /** Everything the key service released: function name, private keyset, admitted callers. */
    public Builder released(ReleasedKeys keys) {
      function(keys.function());
      privateKeyset(keys.privateKeyset());
      keys.callerVerifyKeysets().forEach(this::caller);
      return this;
    }

    /** When set, sessions naming another function are refused. */
    public Builder function(String function) {
      this.function = Objects.requireNonNull(function, "function");
      return this;
    }

    /** The function's HPKE private keyset (required). */
    public Builder privateKeyset(KeysetHandle keyset) {
      this.privateKeyset = Objects.requireNonNull(keyset, "privateKeyset");
      return this;
    }

    /** Admits {@code name}, whose sessions must verify under {@code verifyKeyset}. */
    public Builder caller(String name, KeysetHandle verifyKeyset) {
      callers.put(Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(verifyKeyset, "verifyKeyset"));
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder maxSessions(int sessions) {
      this.maxSessions = requireRange(sessions, 1, 1 << 20, "maxSessions");
      return this;
    }

    /** Calls whose deadline lies further ahead are refused (bounds the replay window). */
    public Builder maxDeadlineAhead(Duration ahead) {
      this.maxDeadlineAhead = requirePositive(ahead, "maxDeadlineAhead");
      return this;
    }

    /** Sessions whose expiry lies further than this past their issue time are refused. */
    public Builder maxSessionLifetime(Duration lifetime) {
      this.maxSessionLifetime = requirePositive(lifetime, "maxSessionLifetime");
      return this;
    }

    /** Tolerance for the callers' clocks on expiry and deadlines (default 5 s). */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "clockSkew");
      if (skew.isNegative()) {
        throw new IllegalArgumentException("clockSkew must not be negative");
      }
      this.clockSkew = skew;
      return this;
    }

    /** @throws IllegalArgumentException when a keyset is of the wrong kind or missing */
    public SessionOpener build() {
      if (privateKeyset == null) {
        throw new IllegalArgumentException("the function's private keyset is required");
      }
      if (callers.isEmpty()) {
        throw new IllegalArgumentException("no caller admitted: every session would be refused");
      }
      try {
        return new SessionOpener(this);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("keyset of the wrong kind: " + e.getMessage(), e);
      }
    }

    private static int requireRange(int v, int min, int max, String what) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(what + " must be in " + min + ".." + max);
      }
      return v;
    }

    private static Duration requirePositive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
