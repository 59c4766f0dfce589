package io.spillover.samples.social.spill;

import io.spillover.Spillway;
import io.spillover.samples.social.Operation;
import io.spillover.samples.social.ServiceCaller;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The VM side's {@link ServiceCaller}: every call of a logic service goes through that service's
 * spillway, whose limit is the service's VM worker pool (or an adaptive limit in front of it). A
 * call admitted locally spends the service's time ({@link ServiceWork}) and runs in place; one
 * that finds the limit reached spills to the function twin (or, without a twin, waits for a
 * permit a bounded time).
 */
public final class SpillwayCaller implements ServiceCaller {
  private final Map<String, Spillway<ServiceCall, ServiceReply>> spillways;
  private final ServiceWork work;

  public SpillwayCaller(Map<String, Spillway<ServiceCall, ServiceReply>> spillways) {
    this(spillways, ServiceWork.inPlace());
  }

  /** Local calls spend their service time through {@code work} (e.g. on a worker pool). */
  public SpillwayCaller(Map<String, Spillway<ServiceCall, ServiceReply>> spillways,
      ServiceWork work) {
    this.spillways = Map.copyOf(spillways);
    this.work = Objects.requireNonNull(work, "work");
  }

  @Override
  public <Q, R> R call(Operation<Q, R> operation, Q request, Function<? super Q, ? extends R> local) {
    String service = operation.service();
    Spillway<ServiceCall, ServiceReply> spillway = Objects.requireNonNull(spillways.get(service),
        () -> "no spillway for " + service);
    ServiceReply reply = spillway.call(new ServiceCall(operation.method(), request), c -> {
      work.spend(service);
      return new ServiceReply(local.apply(request));
    });
    return reply.response(operation.responseType());
  }
}
