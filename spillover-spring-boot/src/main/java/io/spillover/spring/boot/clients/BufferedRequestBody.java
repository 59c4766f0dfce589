package io.spillover.spring.boot.clients;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link ClientRequest}'s body written to bytes, so that a call that may spill can go to the
 * destination or, as the same bytes, to the twin. The inserter runs once, with the writers given
 * (its headers, e.g. the {@code Content-Type} a codec chose, are kept); the request then carries
 * the bytes, since an inserter over a publisher may not be replayable.
 */
final class BufferedRequestBody {
  private BufferedRequestBody() {}

  /** {@code request} with its body as bytes, and the bytes. */
  record Buffered(ClientRequest request, byte[] body) {}

  static Mono<Buffered> of(ClientRequest request, java.util.List<HttpMessageWriter<?>> writers) {
    if (request.body() == BodyInserters.empty()) {
      return Mono.just(new Buffered(request, new byte[0]));
    }
    Sink sink = new Sink(request.method(), request.url(), request.headers());
    BodyInserter.Context context = new BodyInserter.Context() {
      @Override public java.util.List<HttpMessageWriter<?>> messageWriters() { return writers; }
      @Override public Optional<ServerHttpRequest> serverRequest() { return Optional.empty(); }
      @Override public Map<String, Object> hints() { return Map.of(); }
    };
    return request.body().insert(sink, context).then(Mono.fromSupplier(() -> {
      byte[] bytes = sink.bytes;
      ClientRequest replayable = ClientRequest.from(request)
          .headers(h -> {
            h.putAll(sink.getHeaders());
            h.setContentLength(bytes.length);
          })
          .body((message, ctx) -> message.writeWith(
              Mono.fromSupplier(() -> message.bufferFactory().wrap(bytes))))
          .build();
      return new Buffered(replayable, bytes);
    }));
  }

  /** An output message that keeps what is written to it. */
  private static final class Sink extends AbstractClientHttpRequest {
    private final HttpMethod method;
    private final URI uri;
    private byte[] bytes = new byte[0];

    Sink(HttpMethod method, URI uri, HttpHeaders headers) {
      this.method = method;
      this.uri = uri;
      getHeaders().putAll(headers);
    }

    @Override public HttpMethod getMethod() { return method; }
    @Override public URI getURI() { return uri; }
    @Override public DataBufferFactory bufferFactory() { return DefaultDataBufferFactory.sharedInstance; }
    @Override @SuppressWarnings("unchecked") public <T> T getNativeRequest() { return (T) this; }
    @Override protected void applyHeaders() {}
    @Override protected void applyCookies() {}

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return DataBufferUtils.join(Flux.from(body)).doOnNext(buf -> {
        byte[] b = new byte[buf.readableByteCount()];
        buf.read(b);
        DataBufferUtils.release(buf);
        bytes = b;
      }).then(doCommit());
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return writeWith(Flux.from(body).flatMap(p -> p));
    }

    @Override
    public Mono<Void> setComplete() {
      return doCommit();
    }
  }
}
