package io.spillover.samples.social.storage.http;

import com.sun.net.httpserver.HttpExchange;
import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Json;
import io.spillover.samples.social.internal.LoopbackHttp;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.storage.http.internal.StorageRoutes;
import io.spillover.samples.social.storage.http.internal.StorageWire;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Serves a {@link Storage} over HTTP on 127.0.0.1, so that function twins (through
 * {@link HttpStorage}) share the VM's storage tier. {@code POST /storage/<store>/<method>} with a
 * JSON argument; errors come back as {@code {code, message}} with the code's HTTP status.
 */
public final class StorageHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageHttpServer.class);
  private static final String JSON = "application/json";
  /** Largest accepted request: a media blob plus base64 overhead. */
  public static final int MAX_BODY_BYTES = 16 << 20;

  private final StorageRoutes routes;
  private final LoopbackHttp.Server server;

  private StorageHttpServer(Storage storage, int port, int threads) {
    this.routes = new StorageRoutes(Objects.requireNonNull(storage, "storage"));
    this.server = LoopbackHttp.start("storage-http", port, threads, this::handle);
  }

  /** Serves {@code storage} on {@code port} (0 = any free port) with {@code threads} workers. */
  public static StorageHttpServer start(Storage storage, int port, int threads) {
    return new StorageHttpServer(storage, port, threads);
  }

  /** The base URI, e.g. {@code http://127.0.0.1:41234/}, for {@link HttpStorage#connect}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      StorageRoutes.Route<?> route = path.startsWith(StorageWire.PREFIX)
          ? routes.route(path.substring(StorageWire.PREFIX.length())) : null;
      if (route == null) {
        fail(exchange, 404, ErrorCode.NOT_FOUND, "no storage route " + path);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        fail(exchange, 405, ErrorCode.BAD_REQUEST, "use POST");
        return;
      }
      byte[] body = LoopbackHttp.body(exchange, MAX_BODY_BYTES);
      LoopbackHttp.respond(exchange, 200, JSON, Json.MAPPER.writeValueAsBytes(invoke(route, body)));
    } catch (ServiceException e) {
      fail(exchange, e.code().httpStatus(), e.code(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("storage request {} failed", exchange.getRequestURI(), e);
      fail(exchange, 500, ErrorCode.INTERNAL, e.toString());
    }
  }

  private static <A> Object invoke(StorageRoutes.Route<A> route, byte[] body) {
    A arg;
    try {
      arg = Json.MAPPER.readValue(body, route.argType());
    } catch (JacksonException e) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, "malformed " + route.argType().getSimpleName()
          + ": " + e.getOriginalMessage(), e);
    }
    if (arg == null) {
      throw ServiceException.badRequest("missing argument " + route.argType().getSimpleName());
    }
    return route.action().apply(arg);
  }

  private static void fail(HttpExchange exchange, int status, ErrorCode code, String message)
      throws IOException {
    byte[] body = Json.MAPPER.writeValueAsBytes(new StorageWire.Failure(code, message));
    LoopbackHttp.respond(exchange, status, JSON, body);
  }
}
