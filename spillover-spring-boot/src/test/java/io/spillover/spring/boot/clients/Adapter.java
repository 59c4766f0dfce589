package io.spillover.spring.boot.clients;

import io.spillover.clients.ClientSpillway;
import io.spillover.clients.SpilloverOkHttpInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The four client adapters behind one call shape, so every fault runs against each of them. URLs
 * go in as {@link URI}s: a string would be a URI template, and {@code %20} would be sent as
 * {@code %2520}.
 */
enum Adapter {
  REST_CLIENT {
    @Override
    Client client(List<ClientSpillway> d) {
      RestClient c = RestClient.builder()
          .requestInterceptor(new SpilloverClientHttpRequestInterceptor(d)).build();
      return (method, url, body) -> {
        RestClient.RequestBodySpec spec = c.method(HttpMethod.valueOf(method)).uri(URI.create(url));
        if (body != null) {
          spec.body(body);
        }
        return spec.exchange((req, res) -> new Answer(res.getStatusCode().value(),
            new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8),
            res.getHeaders().getFirst("Retry-After")));
      };
    }
  },
  REST_TEMPLATE {
    @Override
    Client client(List<ClientSpillway> d) {
      RestTemplate t = new RestTemplate();
      t.getInterceptors().add(new SpilloverClientHttpRequestInterceptor(d));
      t.setErrorHandler(res -> false); // the matrix reads every status as an answer
      return (method, url, body) -> {
        ResponseEntity<String> r = t.exchange(URI.create(url), HttpMethod.valueOf(method),
            new HttpEntity<>(body, new HttpHeaders()), String.class);
        return new Answer(r.getStatusCode().value(), r.getBody() == null ? "" : r.getBody(),
            r.getHeaders().getFirst("Retry-After"));
      };
    }
  },
  WEB_CLIENT {
    @Override
    Client client(List<ClientSpillway> d) {
      WebClient c = WebClient.builder().filter(new SpilloverExchangeFilterFunction(d)).build();
      return (method, url, body) -> {
        WebClient.RequestBodySpec spec = c.method(HttpMethod.valueOf(method)).uri(URI.create(url));
        if (body != null) {
          spec.bodyValue(body);
        }
        return spec.exchangeToMono(res -> res.bodyToMono(String.class).defaultIfEmpty("")
            .map(b -> new Answer(res.statusCode().value(), b,
                res.headers().asHttpHeaders().getFirst("Retry-After"))))
            .block(Duration.ofSeconds(20));
      };
    }
  },
  OKHTTP {
    @Override
    Client client(List<ClientSpillway> d) {
      OkHttpClient c = new OkHttpClient.Builder().retryOnConnectionFailure(false)
          .addInterceptor(new SpilloverOkHttpInterceptor(d)).build();
      return (method, url, body) -> {
        RequestBody rb = body == null ? null
            : RequestBody.create(body, MediaType.get("text/plain"));
        try (Response r = c.newCall(new Request.Builder().url(url).method(method, rb).build())
            .execute()) {
          return new Answer(r.code(), r.body().string(), r.header("Retry-After"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    }
  };

  /** A client over these destinations. */
  abstract Client client(List<ClientSpillway> destinations);

  /** One call: the answer, or whatever the client throws. */
  interface Client {
    Answer call(String method, String url, String body);
  }

  /** A reply as the caller saw it. */
  record Answer(int status, String body, String retryAfter) {}
}
