package io.spillover.bench.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Clients that answer a constant 200 without I/O, so that a benchmark of an adapter measures the
 * adapter and the client's own machinery, not a server or a socket.
 */
public final class CannedReplies {
  private static final byte[] EMPTY = new byte[0];

  private CannedReplies() {}

  /** An OkHttp interceptor that ends every chain with a 200 (add it last). */
  public static Interceptor okHttp() {
    return chain -> new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
        .code(200).message("OK").body(ResponseBody.create(EMPTY, null)).build();
  }

  /** A Spring request factory whose requests all answer 200 with an empty body. */
  public static ClientHttpRequestFactory spring() {
    return (uri, method) -> new Request(uri, method);
  }

  private static final class Request extends AbstractClientHttpRequest {
    private final URI uri;
    private final HttpMethod method;

    Request(URI uri, HttpMethod method) {
      this.uri = uri;
      this.method = method;
    }

    @Override
    public HttpMethod getMethod() {
      return method;
    }

    @Override
    public URI getURI() {
      return uri;
    }

    @Override
    protected OutputStream getBodyInternal(HttpHeaders headers) {
      return new ByteArrayOutputStream(0);
    }

    @Override
    protected ClientHttpResponse executeInternal(HttpHeaders headers) {
      return new Reply();
    }
  }

  private static final class Reply implements ClientHttpResponse {
    private final HttpHeaders headers = new HttpHeaders();

    @Override
    public HttpStatusCode getStatusCode() {
      return HttpStatusCode.valueOf(200);
    }

    @Override
    public String getStatusText() {
      return "OK";
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public InputStream getBody() {
      return new ByteArrayInputStream(EMPTY);
    }

    @Override
    public void close() {}
  }
}
