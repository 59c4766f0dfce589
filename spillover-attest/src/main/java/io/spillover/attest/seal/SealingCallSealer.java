package io.spillover.attest.seal;

import io.spillover.SpilloverClock;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPublicKeyset;
import io.spillover.attest.seal.internal.CallerChannel;
import io.spillover.function.FunctionRef;
import io.spillover.seal.CallSealer;
import io.spillover.seal.SealedChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caller side of confidential spillover: one sealed channel per function target whose public
 * keyset was verified (or pinned). A channel opens a <em>sealed session</em> (one HPKE
 * encapsulation of a fresh session secret to the function's keyset, signed by the caller) and
 * seals each call with one AES-256-GCM pass under a key derived from it, binding service, request
 * id and deadline. Sessions rotate after {@code rotateAfter} or {@code rotateAfterMessages} calls,
 * far inside AES-GCM's random-nonce limit (2<sup>32</sup> messages per key). Confidential calls
 * that are not idempotent are sent only to targets declared with {@link
 * Builder#sharedReplayGuard}; replies that are not authentic are reported to the spill listener.
 *
 * <pre>{@code
 * SealingCallSealer sealer = SealingCallSealer.builder()
 *     .caller(CallerIdentity.of("frontend", signingKeyset))
 *     .target(FunctionRef.of("lambda", "compose:live"), client.publicKeyset("compose", me))
 *     .build();
 * }</pre>
 */
public final class SealingCallSealer implements CallSealer {
  private final CallerIdentity caller;
  private final SpilloverClock clock;
  private final SealedSpillListener listener;
  private final long rotateAfterMillis;
  private final long graceMillis;
  private final long rotateAfterMessages;
  private final int retainedSessions;
  private final Set<FunctionRef> sharedReplayGuards;
  private final Map<FunctionRef, CallerChannel> channels = new ConcurrentHashMap<>();

  private SealingCallSealer(Builder b) {
    this.caller = b.caller;
    this.clock = b.clock;
    this.listener = b.listener;
    this.rotateAfterMillis = b.rotateAfter.toMillis();
    this.graceMillis = b.expiryGrace.toMillis();
    this.rotateAfterMessages = b.rotateAfterMessages;
    this.retainedSessions = b.retainedSessions;
    this.sharedReplayGuards = Set.copyOf(b.sharedReplayGuards);
    b.targets.forEach(this::updateKeyset);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<SealedChannel> channel(FunctionRef target) {
    return Optional.ofNullable(channels.get(target));
  }

  /**
   * Installs (or replaces, after a function key rotation) the keyset of {@code target}. Calls
   * already sealed keep the channel they were sealed on; new calls open a session to the new key.
   */
  public void updateKeyset(FunctionRef target, FunctionPublicKeyset keyset) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(keyset, "keyset");
    channels.put(target, new CallerChannel(target, keyset, caller, clock, listener,
        rotateAfterMillis, graceMillis, rotateAfterMessages, retainedSessions,
        sharedReplayGuards.contains(target)));
  }

  /** Forgets {@code target}: its confidential calls stay local from now on. */
  public void removeTarget(FunctionRef target) {
    channels.remove(target);
  }

  /** Builds a {@link SealingCallSealer}; validates eagerly. */
  public static final class Builder {
    /** Far below AES-GCM's 2^32 random-nonce bound, so no caller can configure past it. */
    public static final long MAX_MESSAGES_PER_SESSION = 1L << 31;

    private CallerIdentity caller;
    private SpilloverClock clock = SpilloverClock.system();
    private Duration rotateAfter = Duration.ofMinutes(10);
    private Duration expiryGrace = Duration.ofMinutes(2);
    private long rotateAfterMessages = 1L << 20;
    private int retainedSessions = 4;
    private SealedSpillListener listener;
    private final Map<FunctionRef, FunctionPublicKeyset> targets = new ConcurrentHashMap<>();
    private final Set<FunctionRef> sharedReplayGuards = new HashSet<>();

    private Builder() {}

    /** The identity that signs session headers (required). */
    public Builder caller(CallerIdentity caller) {
      this.caller = Objects.requireNonNull(caller, "caller");
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** A session is replaced after this age (default 10 min). */
    public Builder rotateAfter(Duration age) {
      requirePositive(age, "rotateAfter");
      this.rotateAfter = age;
      return this;
    }

    /**
     * How long past its rotation a session stays valid at the function (default 2 min): covers
     * calls in flight and clock skew. The header's expiry is rotateAfter + grace.
     */
    public Builder expiryGrace(Duration grace) {
      Objects.requireNonNull(grace, "expiryGrace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("expiryGrace must not be negative");
      }
      this.expiryGrace = grace;
      return this;
    }

    /** A session is replaced after this many sealed calls (default 2^20, at most 2^31). */
    public Builder rotateAfterMessages(long messages) {
      if (messages < 1 || messages > MAX_MESSAGES_PER_SESSION) {
        throw new IllegalArgumentException("rotateAfterMessages must be in 1.."
            + MAX_MESSAGES_PER_SESSION + ", was " + messages);
      }
      this.rotateAfterMessages = messages;
      return this;
    }

    /** Previous sessions a channel keeps to open late replies (default 4). */
    public Builder retainedSessions(int sessions) {
      if (sessions < 0 || sessions > 64) {
        throw new IllegalArgumentException("retainedSessions must be in 0..64");
      }
      this.retainedSessions = sessions;
      return this;
    }

    /** Told of every sealed call (e.g. the audit log). Optional. */
    public Builder spillListener(SealedSpillListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** A target and the function keyset its calls are sealed to. */
    public Builder target(FunctionRef target, FunctionPublicKeyset keyset) {
      targets.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(keyset,
          "keyset"));
      return this;
    }

    /**
     * Declares that every instance of {@code target} checks one shared replay guard
     * ({@code FunctionApp.Builder.sharedReplayGuard}, e.g. on the fleet store), so confidential
     * calls that are not idempotent may spill to it. Without it they stay local
     * ({@code CONFIDENTIAL_NOT_IDEMPOTENT}): such a target would refuse them.
     */
    public Builder sharedReplayGuard(FunctionRef target) {
      sharedReplayGuards.add(Objects.requireNonNull(target, "target"));
      return this;
    }

    public SealingCallSealer build() {
      if (caller == null) {
        throw new IllegalArgumentException("caller identity is required");
      }
      return new SealingCallSealer(this);
    }

    private static void requirePositive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
    }
  }
}
