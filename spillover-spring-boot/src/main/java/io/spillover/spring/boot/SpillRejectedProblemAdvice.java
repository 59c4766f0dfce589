package io.spillover.spring.boot;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.spillover.SpillRejectedException;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import java.net.URI;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request whose spillway rejected the call with {@code 503 Service Unavailable} and an
 * RFC 9457 problem detail, in Spring MVC and WebFlux alike:
 *
 * <pre>
 * HTTP/1.1 503
 * Retry-After: 30
 * Content-Type: application/problem+json
 *
 * {"type":"urn:spillover:spill-rejected","title":"Service overloaded","status":503,
 *  "detail":"The service is at capacity and could not take the call; try again later.",
 *  "reason":"CIRCUIT_OPEN","spillway":"compose-post"}
 * </pre>
 *
 * <p>{@code Retry-After} is set where the wait is known: the target's circuit breaker is open (its
 * wait in the open state, an upper bound) or the spill rate cap is reached. The detail is the
 * same for every reason, so no limit, target or message of the service reaches the client.
 * The advice has the lowest precedence: any handler of the application for
 * {@code SpillRejectedException} (or a supertype) in a controller or an advice of its own wins.
 * {@code spillover.web.problem-details.enabled=false} turns it off.
 */
@RestControllerAdvice
public class SpillRejectedProblemAdvice implements Ordered {
  /** The problem type of a rejected call. */
  public static final URI TYPE = URI.create("urn:spillover:spill-rejected");

  private final SpilloverRegistry registry;

  public SpillRejectedProblemAdvice(SpilloverRegistry registry) {
    this.registry = registry;
  }

  @ExceptionHandler(SpillRejectedException.class)
  public ResponseEntity<ProblemDetail> rejected(SpillRejectedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The service is at capacity and could not take the call; try again later.");
    problem.setType(TYPE);
    problem.setTitle("Service overloaded");
    problem.setProperty("reason", e.reason().name());
    problem.setProperty("spillway", e.spillway());
    HttpHeaders headers = new HttpHeaders();
    retryAfterSeconds(e).ifPresent(s -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(s)));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** Whole seconds until a retry may succeed, where the spillway knows it. */
  Optional<Long> retryAfterSeconds(SpillRejectedException e) {
    SpillwayConfig config = registry.find(e.spillway()).map(s -> s.config()).orElse(null);
    if (config == null) {
      return Optional.empty();
    }
    if (e.reason() == Reason.SPILL_RATE_LIMITED && config.maxSpillsPerSecond() > 0) {
      return Optional.of((long) Math.ceil(1 / config.maxSpillsPerSecond()));
    }
    if (e.reason() == Reason.CIRCUIT_OPEN && config.function() != null) {
      Optional<CircuitBreaker> breaker = registry.circuitBreakerRegistry()
          .find(config.function().toString());
      return breaker.map(b -> b.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState()
          .apply(1)).map(ms -> Math.max(1, (ms + 999) / 1000));
    }
    return Optional.empty();
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
