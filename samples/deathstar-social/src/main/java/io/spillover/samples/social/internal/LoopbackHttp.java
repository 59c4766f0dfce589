package io.spillover.samples.social.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HttpServer on 127.0.0.1 with a bounded worker pool, and small exchange helpers. */
public final class LoopbackHttp {
  private static final int QUEUE = 1024;

  private LoopbackHttp() {}

  /** A started server and its pool; {@link #close()} stops both. */
  public record Server(HttpServer http, ExecutorService pool) implements AutoCloseable {
    public int port() {
      return http.getAddress().getPort();
    }

    @Override
    public void close() {
      http.stop(0);
      pool.shutdownNow();
    }
  }

  /**
   * Starts {@code handler} on 127.0.0.1:{@code port} (0 = any free port) with {@code threads}
   * workers and a queue of 1,024 exchanges; when the queue is full the accepting thread serves the
   * exchange itself, which stops it accepting more (back-pressure onto the TCP backlog).
   */
  public static Server start(String name, int port, int threads, HttpHandler handler) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, was " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      http.createContext("/", handler);
      http.setExecutor(pool);
      http.start();
      return new Server(http, pool);
    } catch (IOException e) {
      pool.shutdownNow();
      throw new UncheckedIOException("cannot bind " + name + " to 127.0.0.1:" + port, e);
    }
  }

  /** The request body, or PAYLOAD too large as a BAD_REQUEST. */
  public static byte[] body(HttpExchange exchange, int maxBytes) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new ServiceException(ErrorCode.BAD_REQUEST, "request body exceeds " + maxBytes + " bytes");
      }
      return bytes;
    }
  }

  /** Sends a complete response and closes the exchange. */
  public static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }
}
