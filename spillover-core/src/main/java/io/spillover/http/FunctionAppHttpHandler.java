package io.spillover.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.spillover.function.FunctionApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The function side over plain HTTP, for the JDK's {@code com.sun.net.httpserver}: each POST body
 * is a request envelope, handed to {@link FunctionApp#dispatch}; the reply envelope comes back with
 * status 200 (error envelopes too). Other methods get 405, bodies above the limit 413.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext("/social/compose-post", new FunctionAppHttpHandler(app));
 * server.start();
 * }</pre>
 */
public final class FunctionAppHttpHandler implements HttpHandler {
  private final FunctionApp app;
  private final int maxRequestBytes;

  /** Serves {@code app}, accepting envelopes up to 6 MB. */
  public FunctionAppHttpHandler(FunctionApp app) {
    this(app, 6 * 1024 * 1024);
  }

  public FunctionAppHttpHandler(FunctionApp app, int maxRequestBytes) {
    this.app = Objects.requireNonNull(app, "app");
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes must be >= 1, was " + maxRequestBytes);
    }
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] request;
      try (InputStream in = exchange.getRequestBody()) {
        request = in.readNBytes(maxRequestBytes + 1);
      }
      if (request.length > maxRequestBytes) {
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      byte[] reply = app.dispatch(request);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }
}
