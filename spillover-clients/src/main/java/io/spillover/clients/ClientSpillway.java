package io.spillover.clients;

import io.spillover.CallOptions;
import io.spillover.Spillway;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.clients.internal.DestinationSignal;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one engine every client adapter is a thin layer over: a core {@link Spillway} of
 * {@link HttpCall}s for one destination, plus the route rules that say which calls may spill.
 *
 * <p>Calls the rules keep local ({@code never}, {@code confidential}, non-idempotent methods no
 * rule marks) are not admitted: they run on the destination at once, never wait, spill or get
 * rejected, but they count as in flight and their latency and overload signals feed the
 * destination's limit ({@link CallOptions.Builder#alwaysLocal()}).
 */
public final class ClientSpillway {
  private static final CallOptions IDEMPOTENT = CallOptions.builder().idempotent(true).build();
  private static final CallOptions ONCE = CallOptions.builder().idempotent(false).build();
  private static final CallOptions KEPT_LOCAL = CallOptions.builder().alwaysLocal().build();
  private final @Nullable String baseUrl;
  private final @Nullable String service;
  private final RouteRules rules;
  private final Spillway<HttpCall, HttpResult> spillway;

  /** A client spillway named {@code name} in {@code registry}, with {@code config}'s limits and twin. */
  public ClientSpillway(SpilloverRegistry registry, String name, String baseUrl,
      SpillwayConfig config, RouteRules rules) {
    this(registry, name, trimSlash(baseUrl), null, config, rules);
  }

  private ClientSpillway(SpilloverRegistry registry, String name, @Nullable String baseUrl,
      @Nullable String service, SpillwayConfig config, RouteRules rules) {
    this.baseUrl = baseUrl;
    this.service = service;
    this.rules = rules;
    this.spillway = registry.spillway(name, config, HttpCall.class, HttpResult.class);
  }

  /**
   * A client spillway for a logical service: it matches calls whose URL's host is {@code service}
   * (any scheme and port), as a load-balanced client addresses it ({@code http://logic/items}).
   */
  public static ClientSpillway forService(SpilloverRegistry registry, String name, String service,
      SpillwayConfig config, RouteRules rules) {
    if (service.isEmpty() || service.contains("/") || service.contains(":")) {
      throw new IllegalArgumentException("a service is a host name, was: " + service);
    }
    return new ClientSpillway(registry, name, null, service.toLowerCase(Locale.ROOT), config,
        rules);
  }

  /** True when {@code url} is a call to this destination. */
  public boolean matches(String url) {
    if (baseUrl != null) {
      return url.startsWith(baseUrl) && (url.length() == baseUrl.length()
          || "/?#".indexOf(url.charAt(baseUrl.length())) >= 0);
    }
    int start = url.indexOf("://");
    if (start < 0) {
      return false;
    }
    start += 3;
    int end = start;
    while (end < url.length() && ":/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return end - start == service.length() && url.regionMatches(true, start, service, 0, end - start);
  }

  /** The destination's base URL, or {@code null} when it is matched by {@link #service()}. */
  public @Nullable String baseUrl() {
    return baseUrl;
  }

  /** The logical service name matched against the host, or {@code null} for a base URL. */
  public @Nullable String service() {
    return service;
  }

  /** True when a call with this method and path may go to the twin (so its body is needed). */
  public boolean maySpill(String method, String path) {
    RouteRules.Verdict v = rules.verdict(method, path);
    return v == RouteRules.Verdict.SPILL_IDEMPOTENT || v == RouteRules.Verdict.SPILL_ONCE;
  }

  /**
   * Runs {@code local} (the call to the destination) or spills {@code call} to the twin.
   *
   * @throws io.spillover.SpillRejectedException when the call ran nowhere
   */
  public HttpResult execute(HttpCall call, Function<HttpCall, HttpResult> local) {
    try {
      return spillway.call(call, options(call), DestinationSignal.signalling(local));
    } catch (DestinationSignal s) {
      return s.unwrap();
    }
  }

  /**
   * The asynchronous form of {@link #execute}: {@code local} starts the call to the destination
   * and must not block; a spill runs on the twin transport's threads. The stage fails with the
   * destination's own failure or one Spillover exception.
   */
  public CompletionStage<HttpResult> executeAsync(HttpCall call,
      Function<HttpCall, CompletionStage<HttpResult>> local) {
    return DestinationSignal.unwrapping(
        spillway.callAsync(call, options(call), DestinationSignal.signallingAsync(local)));
  }

  private CallOptions options(HttpCall call) {
    switch (rules.verdict(call.method(), call.path())) {
      case SPILL_IDEMPOTENT:
        return IDEMPOTENT;
      case SPILL_ONCE:
        return ONCE;
      default:
        return KEPT_LOCAL;
    }
  }

  /** The underlying core spillway (metrics, config). */
  public Spillway<HttpCall, HttpResult> spillway() {
    return spillway;
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
