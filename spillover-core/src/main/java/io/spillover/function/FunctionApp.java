package io.spillover.function;

import io.spillover.SpilloverClock;
import io.spillover.codec.Codec;
import io.spillover.internal.ServiceNames;
import io.spillover.internal.function.FunctionDispatcher;
import io.spillover.seal.SealedCallOpener;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The function side of Spillover: many named services in one deployment (a Lambda function, an
 * OpenWhisk action, a local worker). Platform adapters only move bytes into {@link #dispatch} and
 * back.
 *
 * <pre>{@code
 * FunctionApp app = FunctionApp.builder()
 *     .handle("compose-post", ComposeRequest.class, ComposeResponse.class, service::compose)
 *     .handle("text", TextRequest.class, TextResponse.class, text::process)
 *     .build();
 * byte[] reply = app.dispatch(requestEnvelope);
 * }</pre>
 *
 * <p>{@code dispatch} does not throw: every failure, a handler's {@link Error} included, becomes
 * an error envelope whose type is a {@link FunctionErrorType}. The one exception is a
 * {@link VirtualMachineError} other than {@link StackOverflowError} (e.g. out of memory): the
 * instance may be unfit to go on, so it is rethrown, after the call's duplicates got an error
 * envelope, for the platform to replace the instance. A request id seen before (within its
 * deadline, for the same service and, when sealed, the same caller) is not run again; the
 * duplicate gets the first run's reply. The first reply of an instance is flagged cold.
 *
 * <p>Sealed calls: every reply, result or error, is sealed to the caller; a call that cannot be
 * opened gets a plain {@code SEALING_REJECTED} with a fixed text. A sealed call not marked
 * idempotent runs only with a {@link Builder#sharedReplayGuard shared replay guard}, since every
 * attested instance holds the same keys and a replay to another instance would run it again.
 */
public final class FunctionApp {
  private final FunctionDispatcher dispatcher;

  private FunctionApp(Builder b) {
    this.dispatcher = new FunctionDispatcher(new LinkedHashMap<>(b.handlers), b.codec, b.clock,
        b.replayCacheSize, b.opener, b.replayGuard, Set.copyOf(b.sealedOnly));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one request envelope and returns the reply envelope. Throws only a
   * {@link VirtualMachineError} other than {@link StackOverflowError}.
   */
  public byte[] dispatch(byte[] requestEnvelope) {
    return dispatcher.dispatch(requestEnvelope);
  }

  /** The services this app serves, in registration order. */
  public Set<String> services() {
    return dispatcher.services();
  }

  /** Builds a {@link FunctionApp}; every setter validates at once. */
  public static final class Builder {
    private final Map<String, FunctionDispatcher.HandlerBinding<?, ?>> handlers = new LinkedHashMap<>();
    private final Set<String> sealedOnly = new HashSet<>();
    private Codec codec = Codec.json();
    private SpilloverClock clock = SpilloverClock.system();
    private int replayCacheSize = 10_000;
    private SealedCallOpener opener;
    private ReplayGuard replayGuard;

    private Builder() {}

    /** Serves {@code service} with {@code handler}. */
    public <Q, R> Builder handle(String service, Class<Q> requestType, Class<R> responseType,
        FunctionHandler<Q, R> handler) {
      Objects.requireNonNull(handler, "handler");
      return handleWithCaller(service, requestType, responseType, (q, caller) -> handler.handle(q));
    }

    /**
     * Serves {@code service} with a handler that is told the call's authenticated caller (for
     * sealed calls; empty for plain ones), e.g. to refuse callers a grant does not name.
     */
    public <Q, R> Builder handleWithCaller(String service, Class<Q> requestType,
        Class<R> responseType, CallerAwareHandler<Q, R> handler) {
      ServiceNames.require(service);
      Objects.requireNonNull(requestType, "requestType");
      Objects.requireNonNull(responseType, "responseType");
      Objects.requireNonNull(handler, "handler");
      if (handlers.containsKey(service)) {
        throw new IllegalArgumentException("service '" + service + "' is registered twice");
      }
      handlers.put(service, new FunctionDispatcher.HandlerBinding<>(requestType, handler));
      return this;
    }

    public Builder codec(Codec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many request ids to remember (until their deadline) to drop duplicates. */
    public Builder replayCacheSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("replayCacheSize must be >= 1, was " + size);
      }
      this.replayCacheSize = size;
      return this;
    }

    /** Opens sealed envelopes (from {@code spillover-attest}); without it sealed calls are refused. */
    public Builder sealedCallOpener(SealedCallOpener opener) {
      this.opener = Objects.requireNonNull(opener, "opener");
      return this;
    }

    /**
     * The replay guard that every instance of this function shares (e.g. the fleet store). With
     * it, sealed calls not marked idempotent run once per request id across all instances;
     * without it they are refused ({@link FunctionErrorType#REPLAY_UNGUARDED}). Only a guard that
     * really is shared gives that guarantee: {@link ReplayGuard#inMemory} is shared only by the
     * apps in one JVM that are given the same object.
     */
    public Builder sharedReplayGuard(ReplayGuard guard) {
      this.replayGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** Refuses plain envelopes for these services: they carry confidential data. */
    public Builder sealedOnly(String... services) {
      for (String s : services) {
        sealedOnly.add(ServiceNames.require(s));
      }
      return this;
    }

    public FunctionApp build() {
      if (handlers.isEmpty()) {
        throw new IllegalStateException("a FunctionApp needs at least one handler");
      }
      for (String s : sealedOnly) {
        if (!handlers.containsKey(s)) {
          throw new IllegalStateException("sealedOnly service '" + s + "' has no handler");
        }
      }
      if (!sealedOnly.isEmpty() && opener == null) {
        throw new IllegalStateException("sealedOnly services need a sealedCallOpener");
      }
      return new FunctionApp(this);
    }
  }
}
