package io.spillover.openwhisk;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionRef;
import io.spillover.http.spi.AbstractHttpProvider;
import io.spillover.http.spi.HttpProviderBuilder;
import io.spillover.http.spi.HttpProviderBuilder.Settings;
import io.spillover.openwhisk.internal.ActionName;
import io.spillover.openwhisk.internal.OpenWhiskInvoker;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/**
 * Apache OpenWhisk function twins, invoked through the REST API: {@code POST
 * /api/v1/namespaces/{ns}/actions/[{package}/]{action}?blocking=true&result=true&timeout=ms} with
 * the request envelope as the action's parameters, HTTP Basic auth with the {@code uuid:key} API
 * key. An action still running when OpenWhisk's blocking wait ends (202) is polled at
 * {@code GET .../activations/{id}} until the call's deadline.
 *
 * <pre>{@code
 * OpenWhiskProvider ow = OpenWhiskProvider.builder()
 *     .apiHost("https://openwhisk.example.com")
 *     .apiKey(System.getenv("OW_AUTH"))            // uuid:key, as `wsk property get --auth`
 *     .build();
 * FunctionRef ref = FunctionRef.of("openwhisk", "social/compose-post"); // package/action
 * }</pre>
 *
 * <p>A target is {@code action}, {@code package/action} or fully qualified
 * {@code /namespace/[package/]action}. The action is {@link SpilloverAction}, whose result holds
 * the reply envelope. Replies: 429 fails with {@code FunctionThrottledException}; 408 and the
 * deadline with {@code FunctionTimeoutException}; 502 with an {@code error} (the action failed) with
 * {@code FunctionErrorException}; 413 with {@link io.spillover.http.PayloadTooLargeException}; other
 * statuses, resets and malformed replies with {@code FunctionTransportException}.
 */
public final class OpenWhiskProvider extends AbstractHttpProvider {
  private final HttpUrl apiHost;
  private final String namespace;
  private final String authorization;
  private final int maxRequestBytes;
  private final Duration minPoll;
  private final Duration maxPoll;

  private OpenWhiskProvider(Builder b, Settings s) {
    super(s.name(), s.client(), s.clock());
    this.apiHost = b.apiHost;
    this.namespace = b.namespace;
    this.authorization = b.authorization;
    this.maxRequestBytes = s.maxRequestBytes();
    this.minPoll = b.minPoll;
    this.maxPoll = b.maxPoll;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @throws IllegalArgumentException when the target names no action */
  @Override
  protected FunctionInvoker newInvoker(FunctionRef ref) {
    return new OpenWhiskInvoker(client(), apiHost, ActionName.parse(ref.target(), namespace),
        authorization, ref.toString(), clock(), maxRequestBytes, minPoll, maxPoll);
  }

  /**
   * Builds an {@link OpenWhiskProvider}; {@code apiHost} and {@code apiKey} are required.
   * Defaults: the name {@code "openwhisk"}; envelopes up to 1 MB, OpenWhisk's default parameter
   * size limit ({@code whisk.activation.payload.max}): raise it if your deployment allows more.
   */
  public static final class Builder extends HttpProviderBuilder<Builder> {
    private HttpUrl apiHost;
    private String namespace = "_";
    private String authorization;
    private Duration minPoll = Duration.ofMillis(50);
    private Duration maxPoll = Duration.ofSeconds(1);

    private Builder() {
      super("openwhisk", 1024 * 1024, Integer.MAX_VALUE);
    }

    /** The API host, e.g. {@code https://openwhisk.example.com} ({@code wsk property get --apihost}). */
    public Builder apiHost(String url) {
      Objects.requireNonNull(url, "url");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("not a valid http(s) URL: " + url);
      }
      this.apiHost = parsed;
      return this;
    }

    /** The namespace of targets that name none; {@code "_"} (the API key's own) by default. */
    public Builder namespace(String namespace) {
      this.namespace = ActionName.requireNamespace(Objects.requireNonNull(namespace, "namespace"));
      return this;
    }

    /** The API key as {@code uuid:key}, sent as HTTP Basic credentials. */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      int colon = apiKey.indexOf(':');
      if (colon <= 0 || colon == apiKey.length() - 1) {
        throw new IllegalArgumentException("an OpenWhisk API key is uuid:key");
      }
      this.authorization = Credentials.basic(apiKey.substring(0, colon), apiKey.substring(colon + 1));
      return this;
    }

    /**
     * Pauses between polls of a still-running activation: the first is {@code min}, each next
     * doubles up to {@code max}. 50 ms to 1 s by default.
     */
    public Builder pollInterval(Duration min, Duration max) {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.toMillis() < 1 || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("need 1 ms <= min <= max, was " + min + ", " + max);
      }
      this.minPoll = min;
      this.maxPoll = max;
      return this;
    }

    public OpenWhiskProvider build() {
      if (apiHost == null) {
        throw new IllegalStateException("an OpenWhiskProvider needs an apiHost");
      }
      if (authorization == null) {
        throw new IllegalStateException("an OpenWhiskProvider needs an apiKey");
      }
      return new OpenWhiskProvider(this, settings());
    }
  }
}
