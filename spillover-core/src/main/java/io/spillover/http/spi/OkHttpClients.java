package io.spillover.http.spi;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** The OkHttp clients providers use: their own default, or a variant of the user's. */
public final class OkHttpClients {
  /** Spills fan out to one host (a platform endpoint), so OkHttp's default of 5 is far too low. */
  public static final int DEFAULT_MAX_REQUESTS = 256;

  private OkHttpClients() {}

  /**
   * A client for one provider: daemon dispatcher threads, no read or write timeout of its own
   * (every call gets its deadline as call timeout), and no silent retries.
   */
  public static OkHttpClient createDefault(String providerName) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "spillover-" + providerName + "-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(DEFAULT_MAX_REQUESTS);
    dispatcher.setMaxRequestsPerHost(DEFAULT_MAX_REQUESTS);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .retryOnConnectionFailure(false)
        .build();
  }

  /**
   * A variant of a user's client (sharing its pool and dispatcher) that never retries on its own:
   * a silent retry could run a non-idempotent call twice. Retrying is the spillway's decision.
   */
  public static OkHttpClient withoutRetries(OkHttpClient userClient) {
    return userClient.newBuilder().retryOnConnectionFailure(false).build();
  }

  /** Releases a client this library created: its dispatcher threads and pooled connections. */
  public static void close(OkHttpClient client) {
    client.dispatcher().cancelAll();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
