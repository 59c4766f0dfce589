package io.spillover.spring.boot.clients;

import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The interceptor as installed on a client: resolved on the first call, so that customising a
 * builder does not build the registry early, and recognisable, so that a client reached both by
 * Boot's customizers and by the post-processor is wrapped once.
 */
final class LazyClientInterceptor implements ClientHttpRequestInterceptor {
  private final ObjectProvider<SpilloverClientHttpRequestInterceptor> interceptor;

  LazyClientInterceptor(ObjectProvider<SpilloverClientHttpRequestInterceptor> interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body,
      ClientHttpRequestExecution execution) throws IOException {
    return interceptor.getObject().intercept(request, body, execution);
  }

  void addTo(List<ClientHttpRequestInterceptor> interceptors) {
    for (ClientHttpRequestInterceptor i : interceptors) {
      if (i instanceof LazyClientInterceptor || i instanceof SpilloverClientHttpRequestInterceptor) {
        return;
      }
    }
    interceptors.add(this);
  }

  void addTo(RestTemplate template) {
    addTo(template.getInterceptors());
  }

  void addTo(RestClient.Builder builder) {
    builder.requestInterceptors(this::addTo);
  }
}
