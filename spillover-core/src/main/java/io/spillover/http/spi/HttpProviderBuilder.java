package io.spillover.http.spi;

import io.spillover.SpilloverClock;
import io.spillover.function.AbstractFunctionProvider;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The settings every provider over HTTP takes (its name, the OkHttp client, the deadline clock,
 * the largest envelope sent), for a provider's builder to extend; what the platform needs besides
 * (hosts, credentials) stays in the subclass. Every setter validates at once.
 *
 * @param <B> the concrete builder, so that the setters chain
 */
public abstract class HttpProviderBuilder<B extends HttpProviderBuilder<B>> {
  private String name;
  private @Nullable OkHttpClient client;
  private SpilloverClock clock = SpilloverClock.system();
  private int maxRequestBytes;
  private final int requestBytesLimit;

  /**
   * {@code defaultName} and {@code defaultMaxRequestBytes}: the provider's defaults;
   * {@code requestBytesLimit}: the most the platform accepts ({@link Integer#MAX_VALUE} for none).
   */
  protected HttpProviderBuilder(String defaultName, int defaultMaxRequestBytes,
      int requestBytesLimit) {
    this.name = AbstractFunctionProvider.requireName(defaultName);
    this.maxRequestBytes = defaultMaxRequestBytes;
    this.requestBytesLimit = requestBytesLimit;
  }

  /** The name {@code FunctionRef.provider()} uses; the platform's own name by default. */
  public B name(String name) {
    this.name = AbstractFunctionProvider.requireName(name);
    return self();
  }

  /**
   * The client to send with, instead of one this provider creates and closes. Its connection
   * pool and dispatcher are shared; the provider uses a variant that never retries by itself (only
   * the spillway decides about retries) and adds the platform's interceptors (auth, signing). Give
   * its dispatcher room for your spill concurrency ({@code maxRequestsPerHost} is 5 by default).
   */
  public B okHttpClient(OkHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return self();
  }

  /** The clock deadlines are measured against. */
  public B clock(SpilloverClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * The largest envelope sent; larger ones fail with {@code PayloadTooLargeException} before
   * anything is sent. The default is the platform's (see the provider's builder).
   */
  public B maxRequestBytes(int maxRequestBytes) {
    if (maxRequestBytes < 1 || maxRequestBytes > requestBytesLimit) {
      throw new IllegalArgumentException("maxRequestBytes must be in [1, " + requestBytesLimit
          + "], was " + maxRequestBytes);
    }
    this.maxRequestBytes = maxRequestBytes;
    return self();
  }

  /**
   * The settings as set, for {@code build()} to hand to the provider's constructor (the getters
   * stay off the builder's public face).
   */
  protected final Settings settings() {
    return new Settings(name, client, clock, maxRequestBytes);
  }

  /**
   * What a provider over HTTP is built with.
   *
   * @param name the provider's name
   * @param client the user's client, or null for one the provider creates and closes
   * @param clock the clock deadlines are measured against
   * @param maxRequestBytes the largest envelope sent
   */
  public record Settings(String name, @Nullable OkHttpClient client, SpilloverClock clock,
      int maxRequestBytes) {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
