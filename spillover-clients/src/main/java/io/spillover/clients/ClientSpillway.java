package io.spillover.clients;

import io.spillover.CallOptions;
import io.spillover.Spillway;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.clients.internal.DestinationSignal;
import java.util.function.Function;

/**
 * The one engine every client adapter is a thin layer over: a core {@link Spillway} of
 * {@link HttpCall}s for one destination, plus the route rules that say which calls may spill.
 * Calls the rules keep local bypass the spillway's spill path and run on the destination.
 */
public final class ClientSpillway {
  private static final CallOptions IDEMPOTENT = CallOptions.builder().idempotent(true).build();
  private static final CallOptions ONCE = CallOptions.builder().idempotent(false).build();
  private final String baseUrl;
  private final RouteRules rules;
  private final Spillway<HttpCall, HttpResult> spillway;

  /** A client spillway named {@code name} in {@code registry}, with {@code config}'s limits and twin. */
  public ClientSpillway(SpilloverRegistry registry, String name, String baseUrl,
      SpillwayConfig config, RouteRules rules) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.rules = rules;
    this.spillway = registry.spillway(name, config, HttpCall.class, HttpResult.class);
  }

  /** True when {@code url} is a call to this destination. */
  public boolean matches(String url) {
    return url.startsWith(baseUrl);
  }

  /** The destination's base URL. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Runs {@code local} (the call to the destination) or spills {@code call} to the twin.
   *
   * @throws io.spillover.SpillRejectedException when the call ran nowhere
   */
  public HttpResult execute(HttpCall call, Function<HttpCall, HttpResult> local) {
    Function<HttpCall, HttpResult> signalling = DestinationSignal.signalling(local);
    try {
      switch (rules.verdict(call.method(), call.path())) {
        case NEVER:
        case CONFIDENTIAL:
          return local.apply(call);
        case SPILL_ONCE:
          return spillway.call(call, ONCE, signalling);
        default:
          return spillway.call(call, IDEMPOTENT, signalling);
      }
    } catch (DestinationSignal s) {
      return s.unwrap();
    }
  }

  /** The underlying core spillway (metrics, config). */
  public Spillway<HttpCall, HttpResult> spillway() {
    return spillway;
  }
}
