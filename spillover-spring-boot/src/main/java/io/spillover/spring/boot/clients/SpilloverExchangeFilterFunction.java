package io.spillover.spring.boot.clients;

import io.spillover.clients.ClientSpillway;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * {@code WebClient} adapter: calls to a configured destination go through its
 * {@link ClientSpillway}'s asynchronous path, so neither the local call nor a spill blocks the
 * event loop; other calls pass through untouched. Cancelling the {@code Mono} cancels the call to
 * the destination, which releases its permit. Replies of a wrapped destination are buffered, as
 * in the other adapters; a spilled reply is decoded with the readers given here.
 */
public final class SpilloverExchangeFilterFunction implements ExchangeFilterFunction {
  private final List<ClientSpillway> destinations;
  private final List<HttpMessageWriter<?>> writers;
  private final List<HttpMessageReader<?>> readers;

  /** A filter over these destinations with WebFlux's default codecs. */
  public SpilloverExchangeFilterFunction(List<ClientSpillway> destinations) {
    this(destinations, ExchangeStrategies.withDefaults());
  }

  /** A filter whose request bodies and spilled replies use {@code strategies}' codecs. */
  public SpilloverExchangeFilterFunction(List<ClientSpillway> destinations,
      ExchangeStrategies strategies) {
    this(destinations, strategies.messageReaders(), strategies.messageWriters());
  }

  SpilloverExchangeFilterFunction(List<ClientSpillway> destinations,
      List<HttpMessageReader<?>> readers, List<HttpMessageWriter<?>> writers) {
    this.destinations = List.copyOf(destinations);
    this.readers = List.copyOf(readers);
    this.writers = List.copyOf(writers);
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    String url = request.url().toString();
    for (ClientSpillway d : destinations) {
      if (d.matches(url)) {
        return through(d, request, next);
      }
    }
    return next.exchange(request);
  }

  private Mono<ClientResponse> through(ClientSpillway d, ClientRequest request,
      ExchangeFunction next) {
    URI uri = request.url();
    String method = request.method().name();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    Mono<BufferedRequestBody.Buffered> buffered = d.maySpill(method, path)
        ? BufferedRequestBody.of(request, writers)
        : Mono.just(new BufferedRequestBody.Buffered(request, new byte[0]));
    return buffered.flatMap(b -> {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      b.request().headers().forEach((k, v) -> headers.put(k, List.copyOf(v)));
      String q = uri.getRawQuery();
      HttpCall call = new HttpCall(method, path, q == null ? "" : q, headers, b.body());
      return exchange(d, call, b.request(), next);
    });
  }

  private Mono<ClientResponse> exchange(ClientSpillway d, HttpCall call, ClientRequest request,
      ExchangeFunction next) {
    return Mono.defer(() -> {
      AtomicBoolean cancelled = new AtomicBoolean();
      AtomicReference<CompletableFuture<HttpResult>> local = new AtomicReference<>();
      AtomicReference<ClientResponse> head = new AtomicReference<>();
      CompletableFuture<HttpResult> result = d.executeAsync(call, c -> {
        if (cancelled.get()) {
          // the caller gave up while the call waited for a permit: do not start it
          return CompletableFuture.failedFuture(new CancellationException("cancelled"));
        }
        CompletableFuture<HttpResult> f = next.exchange(request)
            .flatMap(res -> buffer(res, head)).toFuture();
        local.set(f);
        if (cancelled.get()) {
          f.cancel(true);
        }
        return f;
      }).toCompletableFuture();
      // cancelling drops the engine's stage too, so its late CancellationException is not an error
      return Mono.fromFuture(result)
          .map(r -> reply(r, head.get()))
          .doFinally(signal -> {
            // after the cancel reached fromFuture, so the failure it causes is nobody's error
            if (signal != SignalType.CANCEL) {
              return;
            }
            cancelled.set(true);
            CompletableFuture<HttpResult> f = local.get();
            if (f != null) {
              f.cancel(true); // cancels the exchange; its stage ends and the permit is released
            }
          });
    });
  }

  private static Mono<HttpResult> buffer(ClientResponse res, AtomicReference<ClientResponse> head) {
    head.set(res);
    Map<String, List<String>> h = new LinkedHashMap<>();
    res.headers().asHttpHeaders().forEach((k, v) -> h.put(k, List.copyOf(v)));
    return DataBufferUtils.join(res.body(BodyExtractors.toDataBuffers()))
        .map(buf -> {
          byte[] b = new byte[buf.readableByteCount()];
          buf.read(b);
          DataBufferUtils.release(buf);
          return b;
        })
        .defaultIfEmpty(new byte[0])
        .map(b -> new HttpResult(res.statusCode().value(), h, b));
  }

  /** The destination's reply keeps its own codecs; the twin's gets this filter's readers. */
  private ClientResponse reply(HttpResult r, ClientResponse destination) {
    ClientResponse.Builder b = destination != null ? destination.mutate()
        : ClientResponse.create(HttpStatusCode.valueOf(r.status()), readers);
    Flux<DataBuffer> body = r.body().length == 0 ? Flux.empty()
        : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(r.body()));
    // the transforming form: body(Flux) would first drain the destination's body, read already
    return b.statusCode(HttpStatusCode.valueOf(r.status()))
        .headers(h -> copy(r.headers(), h)).body(consumed -> body).build();
  }

  private static void copy(Map<String, List<String>> from, HttpHeaders to) {
    to.clear();
    from.forEach((k, vs) -> {
      if (k != null) {
        to.addAll(k, vs);
      }
    });
  }
}
