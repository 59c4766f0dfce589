package io.spillover.spring.boot.internal;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.http.HttpFunctionProvider;
import io.spillover.spring.boot.FunctionProviderFactory;
import io.spillover.spring.boot.ProvidersProperties;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * {@code spillover.providers.http}: an {@link HttpFunctionProvider} whose targets are URLs. A
 * {@code connect-timeout} needs a client of our own, which the provider then closes with itself.
 */
public final class HttpProviderFactory implements FunctionProviderFactory {
  private static final String PREFIX = "spillover.providers.http.";

  @Override
  public FunctionProvider create(ProvidersProperties providers) {
    ProvidersProperties.Http p = providers.getHttp();
    HttpFunctionProvider.Builder b = HttpFunctionProvider.builder();
    Properties.apply(PREFIX + "name", () -> b.name(p.getName()));
    if (p.getHealthPath() != null) {
      Properties.apply(PREFIX + "health-path", () -> b.healthPath(p.getHealthPath()));
    }
    if (!p.getHeaders().isEmpty()) {
      Map<String, String> headers = Map.copyOf(p.getHeaders());
      b.headers(() -> headers);
    }
    if (p.getConnectTimeout() == null) {
      return b.build();
    }
    OkHttpClient client = Properties.apply(PREFIX + "connect-timeout",
        () -> new OkHttpClient.Builder().connectTimeout(p.getConnectTimeout()).build());
    return new ClosingClient(b.okHttpClient(client).build(), client);
  }

  /** The provider, and the client made for it, closed together. */
  private static final class ClosingClient implements FunctionProvider {
    private final FunctionProvider provider;
    private final OkHttpClient client;

    ClosingClient(FunctionProvider provider, OkHttpClient client) {
      this.provider = provider;
      this.client = client;
    }

    @Override
    public String name() {
      return provider.name();
    }

    @Override
    public FunctionInvoker invoker(FunctionRef ref) {
      return provider.invoker(ref);
    }

    @Override
    public String toString() {
      return provider.toString();
    }

    @Override
    public void close() {
      provider.close();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
