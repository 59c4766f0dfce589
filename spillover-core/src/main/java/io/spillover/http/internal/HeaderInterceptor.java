package io.spillover.http.internal;

import io.spillover.http.spi.NotSentException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the headers of a user's supplier (auth tokens) to each request. It runs on OkHttp's
 * dispatcher thread, so a supplier that fetches a token never blocks the spillway's caller.
 */
public final class HeaderInterceptor implements Interceptor {
  private final Supplier<Map<String, String>> headers;

  public HeaderInterceptor(Supplier<Map<String, String>> headers) {
    this.headers = headers;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Map<String, String> extra;
    try {
      extra = headers.get();
    } catch (RuntimeException e) {
      throw new NotSentException("header supplier failed: " + e, e);
    }
    if (extra == null || extra.isEmpty()) {
      return chain.proceed(chain.request());
    }
    Request.Builder b = chain.request().newBuilder();
    try {
      extra.forEach(b::header);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new NotSentException("header supplier returned an invalid header: " + e, e);
    }
    return chain.proceed(b.build());
  }
}
