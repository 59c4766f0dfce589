package io.spillover.http;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionRef;
import io.spillover.http.internal.HeaderInterceptor;
import io.spillover.http.internal.HttpInvoker;
import io.spillover.http.spi.AbstractHttpProvider;
import io.spillover.http.spi.HttpProviderBuilder;
import io.spillover.http.spi.HttpProviderBuilder.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Function twins behind any HTTP endpoint (a container platform, a gateway, a plain server running
 * {@link FunctionAppHttpHandler}): each invocation POSTs the request envelope as
 * {@code application/json} and expects a response envelope back.
 *
 * <p>A {@link FunctionRef} target is an absolute URL, or {@code <base>/<path>} where {@code <base>}
 * names a {@linkplain Builder#baseUrl base URL}:
 *
 * <pre>{@code
 * HttpFunctionProvider http = HttpFunctionProvider.builder()
 *     .baseUrl("social", "https://functions.example.com/social/")
 *     .headers(() -> Map.of("Authorization", "Bearer " + tokens.current()))
 *     .build();
 * FunctionRef ref = FunctionRef.of("http", "social/compose-post");
 * }</pre>
 *
 * <p>Replies: a 2xx carrying a response envelope completes the call (error envelopes too); 429
 * fails with {@code FunctionThrottledException}; 408, 504 and the deadline with
 * {@code FunctionTimeoutException}; 413 with {@link PayloadTooLargeException}; other statuses, a
 * reset, an empty or non-envelope body with {@code FunctionTransportException}.
 */
public final class HttpFunctionProvider extends AbstractHttpProvider {
  private final Map<String, HttpUrl> baseUrls;
  private final int maxRequestBytes;
  private final boolean blockingAllowed;
  private final String healthPath;

  private HttpFunctionProvider(Builder b, Settings s) {
    super(s.name(), s.client(), s.clock(), base -> b.headers == null
        ? base : base.newBuilder().addInterceptor(new HeaderInterceptor(b.headers)).build());
    this.baseUrls = Map.copyOf(b.baseUrls);
    this.maxRequestBytes = s.maxRequestBytes();
    // a header supplier is user code that may wait without limit (a token refresh): on the
    // caller's thread nothing could cut it off at the deadline, so such calls stay asynchronous
    this.blockingAllowed = b.headers == null;
    this.healthPath = b.healthPath;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected FunctionInvoker newInvoker(FunctionRef ref) {
    HttpUrl url = resolve(ref.target());
    HttpUrl health = null;
    if (healthPath != null) {
      health = url.resolve(healthPath);
      if (health == null) {
        throw new IllegalArgumentException("health path '" + healthPath + "' does not resolve "
            + "against " + url);
      }
    }
    return new HttpInvoker(client(), url, ref.toString(), clock(), maxRequestBytes, blockingAllowed,
        health);
  }

  @Override
  public String toString() {
    return "HttpFunctionProvider[" + name() + (baseUrls.isEmpty() ? "" : ", bases " + baseUrls)
        + (healthPath == null ? "" : ", health " + healthPath) + "]";
  }

  private HttpUrl resolve(String target) {
    if (target.startsWith("http://") || target.startsWith("https://")) {
      HttpUrl url = HttpUrl.parse(target);
      if (url == null) {
        throw new IllegalArgumentException("not a valid URL: " + target);
      }
      return url;
    }
    int slash = target.indexOf('/');
    String baseName = slash < 0 ? target : target.substring(0, slash);
    HttpUrl base = baseUrls.get(baseName);
    if (base == null) {
      throw new IllegalArgumentException("target '" + target + "' is neither an http(s) URL nor "
          + "under a base URL; known bases: " + baseUrls.keySet());
    }
    String path = slash < 0 ? "" : target.substring(slash + 1);
    return path.isEmpty() ? base : base.newBuilder().addPathSegments(path).build();
  }

  /**
   * Builds an {@link HttpFunctionProvider}; every setter validates at once. Defaults: the name
   * {@code "http"}, envelopes up to 6 MB.
   */
  public static final class Builder extends HttpProviderBuilder<Builder> {
    private final Map<String, HttpUrl> baseUrls = new LinkedHashMap<>();
    private Supplier<Map<String, String>> headers;
    private String healthPath;

    private Builder() {
      super("http", 6 * 1024 * 1024, Integer.MAX_VALUE);
    }

    /**
     * Turns on the startup check of each target ({@code FunctionInvoker.check}): a GET on
     * {@code path} resolved against the target's URL as a link is ({@code "/health"} on the same
     * host, {@code "health"} beside the target, {@code ""} the target URL itself). 2xx is up, 404
     * and 410 mean nothing is deployed there, anything else is unreachable. Off by default: a
     * function endpoint need not answer GET.
     */
    public Builder healthPath(String path) {
      Objects.requireNonNull(path, "path");
      if (HttpUrl.get("http://h/a/b").resolve(path) == null) {
        throw new IllegalArgumentException("not a URL path: " + path);
      }
      this.healthPath = path;
      return this;
    }

    /** Lets targets say {@code name/path} for {@code url + path}. */
    public Builder baseUrl(String name, String url) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
      if (name.isEmpty() || name.contains("/") || name.contains(":")) {
        throw new IllegalArgumentException("base name must be non-empty without '/' or ':': " + name);
      }
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("not a valid http(s) URL: " + url);
      }
      baseUrls.put(name, parsed);
      return this;
    }

    /**
     * Headers added to every request (e.g. {@code Authorization}), asked for once per request on
     * the HTTP client's thread, so the supplier may refresh a token. If it throws, the call fails
     * with a {@code FunctionTransportException} and nothing is sent.
     */
    public Builder headers(Supplier<Map<String, String>> headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    public HttpFunctionProvider build() {
      return new HttpFunctionProvider(this, settings());
    }
  }
}
