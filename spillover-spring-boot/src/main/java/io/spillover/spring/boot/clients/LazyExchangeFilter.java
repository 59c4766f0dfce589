package io.spillover.spring.boot.clients;

import io.spillover.clients.ClientSpillway;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The WebClient filter as installed on one builder: built on the first call (so customising does
 * not build the registry early), with that builder's codecs (so a spilled reply decodes as the
 * destination's would), and recognisable, so a builder is wrapped once.
 */
final class LazyExchangeFilter implements ExchangeFilterFunction {
  private final ObjectProvider<SpilloverClientHttpRequestInterceptor> destinations;
  private volatile @Nullable ClientCodecConfigurer codecs;
  private volatile @Nullable SpilloverExchangeFilterFunction filter;

  private LazyExchangeFilter(ObjectProvider<SpilloverClientHttpRequestInterceptor> destinations) {
    this.destinations = destinations;
  }

  /** Adds a filter to {@code builder} unless it has one. */
  static void install(WebClient.Builder builder,
      ObjectProvider<SpilloverClientHttpRequestInterceptor> destinations) {
    LazyExchangeFilter f = new LazyExchangeFilter(destinations);
    boolean[] added = new boolean[1];
    builder.filters(list -> {
      if (list.stream().noneMatch(x -> x instanceof LazyExchangeFilter
          || x instanceof SpilloverExchangeFilterFunction)) {
        list.add(f);
        added[0] = true;
      }
    });
    if (added[0]) {
      builder.codecs(c -> f.codecs = c); // read at the first call, after every customizer ran
    }
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    SpilloverExchangeFilterFunction f = filter;
    if (f == null) {
      ClientCodecConfigurer c = codecs;
      List<ClientSpillway> d = destinations.getObject().destinations();
      f = c == null ? new SpilloverExchangeFilterFunction(d, ExchangeStrategies.withDefaults())
          : new SpilloverExchangeFilterFunction(d, c.getReaders(), c.getWriters());
      filter = f;
    }
    return f.filter(request, next);
  }
}
