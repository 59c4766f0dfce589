package io.spillover.http.spi;

import io.spillover.SpilloverClock;
import io.spillover.function.AbstractFunctionProvider;
import java.util.Objects;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A provider that calls its platform over HTTP: it owns the OkHttp client it creates and closes
 * it, and never closes a client the user passed in (of which it uses a variant that does not
 * retry by itself: retrying is the spillway's decision). Subclasses build invokers from
 * {@link #client()} and {@link #clock()}.
 */
public abstract class AbstractHttpProvider extends AbstractFunctionProvider {
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final SpilloverClock clock;

  /**
   * {@code userClient}: the user's client, or null for one this provider creates and closes.
   * {@code decorate} adds the platform's interceptors (auth, signing) to the client; the result
   * must share the base client's dispatcher and pool (use {@code newBuilder()}).
   */
  protected AbstractHttpProvider(String name, @Nullable OkHttpClient userClient,
      SpilloverClock clock, UnaryOperator<OkHttpClient> decorate) {
    super(name);
    this.ownsClient = userClient == null;
    OkHttpClient base = ownsClient
        ? OkHttpClients.createDefault(name) : OkHttpClients.withoutRetries(userClient);
    this.client = Objects.requireNonNull(decorate.apply(base), "decorated client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A provider whose client needs no interceptor of the platform's. */
  protected AbstractHttpProvider(String name, @Nullable OkHttpClient userClient,
      SpilloverClock clock) {
    this(name, userClient, clock, UnaryOperator.identity());
  }

  /** The client every invoker of this provider sends with. */
  protected final OkHttpClient client() {
    return client;
  }

  /** The clock deadlines are measured against. */
  protected final SpilloverClock clock() {
    return clock;
  }

  /**
   * Shuts down the HTTP client this provider created; a client passed in stays open. A subclass
   * that owns more (credentials) closes it too and calls this.
   */
  @Override
  public void close() {
    if (ownsClient) {
      OkHttpClients.close(client);
    }
  }
}
