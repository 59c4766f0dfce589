package io.spillover.spring.boot;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the spill path: the state of each function target's circuit breaker (named
 * "provider:target") as details. The status is UP, and {@link #DEGRADED} when every target's
 * breaker is open: the service still serves its local capacity, but cannot spill. It is
 * deliberately neither DOWN nor OUT_OF_SERVICE, which answer 503 and would make a load balancer
 * pull an overloaded VM out of rotation, moving its load onto the others. Boot's default status
 * order does not list DEGRADED, so the aggregate status stays UP; to surface it there, add it to
 * {@code management.endpoint.health.status.order} (e.g. {@code down,out-of-service,degraded,up}).
 *
 * <p>The detail {@code fleetStoreStale} lists the spillways whose fleet store has not answered
 * recently: they keep to a static share of the fleet's caps (cap / last known fleet size), so the
 * fleet can never exceed them, but spill less than they might. It does not change the status; the
 * gauge {@code spillover.fleet.stale} is the signal to alert on.
 */
public class SpilloverHealthIndicator extends AbstractHealthIndicator {
  /** Every function target's breaker is open: no call can spill. Answers HTTP 200. */
  public static final Status DEGRADED = new Status("DEGRADED",
      "every function target's circuit breaker is open: calls over the local limit cannot spill");

  private final SpilloverRegistry registry;

  public SpilloverHealthIndicator(SpilloverRegistry registry) {
    super("Spillover health check failed");
    this.registry = registry;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, String> breakers = new TreeMap<>();
    int open = 0;
    for (CircuitBreaker b : registry.circuitBreakerRegistry().getAllCircuitBreakers()) {
      breakers.put(b.getName(), b.getState().name());
      if (b.getState() == CircuitBreaker.State.OPEN
          || b.getState() == CircuitBreaker.State.FORCED_OPEN) {
        open++;
      }
    }
    boolean none = breakers.isEmpty() || open < breakers.size();
    Collection<Spillway<?, ?>> spillways = registry.all();
    List<String> stale = spillways.stream().filter(s -> s.metrics().fleetStoreStale())
        .map(Spillway::name).sorted().toList();
    builder.status(none ? Status.UP : DEGRADED).withDetail("breakers", breakers)
        .withDetail("spillways", spillways.size()).withDetail("fleetStoreStale", stale);
  }
}
