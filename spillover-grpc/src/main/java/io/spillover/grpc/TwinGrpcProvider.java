package io.spillover.grpc;

import io.grpc.Channel;
import io.spillover.SpilloverClock;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.grpc.internal.TwinGrpcInvoker;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider {@code "twin-grpc"}: the twin of a gRPC service is the same service behind a second
 * channel (its function URL, a Cloud Run or Knative service, a loopback port). Register each twin's
 * channel under a name, and point a spillway at it with {@link #ref(String)}. The channels stay the
 * caller's: closing the provider does not shut them down.
 *
 * <pre>{@code
 * TwinGrpcProvider twins = new TwinGrpcProvider().twin("logic", twinChannel);
 * SpilloverRegistry registry = SpilloverRegistry.builder().provider(twins).build();
 * SpillwayConfig config = SpillwayConfig.custom().function(TwinGrpcProvider.ref("logic")).build();
 * }</pre>
 */
public final class TwinGrpcProvider implements FunctionProvider {
  /** The provider name a {@link FunctionRef} uses. */
  public static final String NAME = "twin-grpc";
  private final Map<String, Channel> twins = new ConcurrentHashMap<>();
  private final SpilloverClock clock;

  /** A provider on the system clock. */
  public TwinGrpcProvider() {
    this(SpilloverClock.system());
  }

  /** A provider that reads deadlines on {@code clock} (the registry's clock). */
  public TwinGrpcProvider(SpilloverClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Registers {@code channel} as the twin named {@code name}; returns this provider. */
  public TwinGrpcProvider twin(String name, Channel channel) {
    twins.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(channel, "channel"));
    return this;
  }

  /** The function reference of the twin registered as {@code name}. */
  public static FunctionRef ref(String name) {
    return FunctionRef.of(NAME, name);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** @throws IllegalArgumentException when no twin is registered under the ref's target */
  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    Channel channel = twins.get(ref.target());
    if (channel == null) {
      throw new IllegalArgumentException("no twin channel registered as \"" + ref.target()
          + "\" (registered: " + twins.keySet() + ")");
    }
    return new TwinGrpcInvoker(channel, clock);
  }
}
