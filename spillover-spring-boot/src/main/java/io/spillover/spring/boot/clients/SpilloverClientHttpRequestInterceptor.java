package io.spillover.spring.boot.clients;

import io.spillover.clients.ClientSpillway;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@code RestClient} / {@code RestTemplate} adapter: calls to a configured destination go through
 * its {@link ClientSpillway}; other calls pass through.
 */
public final class SpilloverClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {
  private final List<ClientSpillway> destinations;

  /** An interceptor over these destinations. */
  public SpilloverClientHttpRequestInterceptor(List<ClientSpillway> destinations) {
    this.destinations = List.copyOf(destinations);
  }

  /** The destinations this interceptor wraps (the other adapters of the starter share them). */
  public List<ClientSpillway> destinations() {
    return destinations;
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body,
      ClientHttpRequestExecution execution) throws IOException {
    URI uri = request.getURI();
    String url = uri.toString();
    for (ClientSpillway d : destinations) {
      if (d.matches(url)) {
        return spill(d, request, body, execution, uri);
      }
    }
    return execution.execute(request, body);
  }

  private static ClientHttpResponse spill(ClientSpillway d, HttpRequest request, byte[] body,
      ClientHttpRequestExecution execution, URI uri) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.getHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    String q = uri.getRawQuery();
    HttpCall call = new HttpCall(request.getMethod().name(), uri.getRawPath(),
        q == null ? "" : q, headers, body);
    try {
      HttpResult r = d.execute(call, c -> {
        try (ClientHttpResponse res = execution.execute(request, body)) {
          Map<String, List<String>> h = new LinkedHashMap<>();
          res.getHeaders().forEach((k, v) -> h.put(k, List.copyOf(v)));
          return new HttpResult(res.getStatusCode().value(), h, res.getBody().readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return new Reply(r);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** A buffered reply, from the destination or the twin. */
  private static final class Reply implements ClientHttpResponse {
    private final HttpResult result;
    private final HttpHeaders headers = new HttpHeaders();

    Reply(HttpResult result) {
      this.result = result;
      result.headers().forEach((k, vs) -> {
        if (k != null) {
          vs.forEach(v -> headers.add(k, v));
        }
      });
    }

    @Override public HttpStatusCode getStatusCode() { return HttpStatusCode.valueOf(result.status()); }
    @Override public String getStatusText() { return ""; }
    @Override public HttpHeaders getHeaders() { return headers; }
    @Override public InputStream getBody() { return new ByteArrayInputStream(result.body()); }
    @Override public void close() {}
  }
}
