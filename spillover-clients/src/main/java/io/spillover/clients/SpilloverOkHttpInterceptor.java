package io.spillover.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * OkHttp adapter: calls whose URL starts with a destination's base URL go through its
 * {@link ClientSpillway}; other calls pass through untouched.
 */
public final class SpilloverOkHttpInterceptor implements Interceptor {
  private final List<ClientSpillway> destinations;

  /** An interceptor over these destinations. */
  public SpilloverOkHttpInterceptor(List<ClientSpillway> destinations) {
    this.destinations = List.copyOf(destinations);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String url = request.url().toString();
    for (ClientSpillway d : destinations) {
      if (d.matches(url)) {
        return spill(d, chain, request);
      }
    }
    return chain.proceed(request);
  }

  private static Response spill(ClientSpillway d, Chain chain, Request request) throws IOException {
    byte[] body = new byte[0];
    RequestBody rb = request.body();
    if (rb != null) {
      Buffer buf = new Buffer();
      rb.writeTo(buf);
      body = buf.readByteArray();
    }
    String q = request.url().encodedQuery();
    HttpCall call = new HttpCall(request.method(), request.url().encodedPath(), q == null ? "" : q,
        request.headers().toMultimap(), body);
    HttpResult result;
    try {
      result = d.execute(call, c -> {
        try (Response r = chain.proceed(request)) {
          return new HttpResult(r.code(), r.headers().toMultimap(), r.body().bytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Headers.Builder h = new Headers.Builder();
    result.headers().forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
    Headers headers = h.build();
    String type = headers.get("Content-Type");
    return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1)
        .code(result.status()).message("").headers(headers)
        .body(ResponseBody.create(result.body(), type == null ? null : MediaType.parse(type)))
        .build();
  }
}
