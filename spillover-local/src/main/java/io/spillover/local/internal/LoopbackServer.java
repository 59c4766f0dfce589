package io.spillover.local.internal;

import java.io.IOException;
import java.net.InetAddress;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The platform's one HTTP server (Jetty, core API) on 127.0.0.1, with two connectors: the front
 * door (the invoke APIs) and the Lambda Runtime API the workers poll. Every request is handled
 * asynchronously, so a thread is busy only while bytes are parsed or a reply is built: a stalled
 * connection (half-sent headers, a body that never comes) or a long poll holds no thread.
 *
 * <p>Bounds: a thread pool of at most {@link #MAX_THREADS} threads; per connector a
 * connection limit (past it, new connections wait in the accept backlog); an idle timeout on every
 * connection, which cuts a read of headers or body, or a write, that makes no progress; request
 * headers of at most {@link #MAX_HEADER_BYTES}. Replies go out with TCP_NODELAY.
 */
final class LoopbackServer implements AutoCloseable {
  /** The name prefix of the pool's threads. */
  static final String THREAD_NAME = "spillover-local-http";
  static final int MAX_THREADS = 24;
  static final int MAX_HEADER_BYTES = 16 * 1024;

  private final Server server;
  private final ServerConnector front;
  private final ServerConnector runtimeApi;

  LoopbackServer(PlatformConfig config, int frontPort, Request.Handler frontHandler,
      Request.Handler runtimeApiHandler) throws IOException {
    // Jetty's own advice: an unbounded job queue (a refused job can strand a connection); it is
    // bounded all the same: each connection queues a job or two at most, and connections are capped
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4, 60_000, 0, null, null);
    threads.setName(THREAD_NAME);
    threads.setDaemon(true);
    server = new Server(threads);
    server.setErrorHandler(new JsonErrorHandler());
    long idle = config.connectionIdleTimeout().toMillis();
    front = connector(frontPort, idle, config.maxConnections());
    // a worker holds one or two connections; the rest is room for reconnects
    runtimeApi = connector(0, idle, 4 * config.maxConcurrency() + 16);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        Connector via = request.getConnectionMetaData().getConnector();
        return (via == front ? frontHandler : runtimeApiHandler).handle(request, response,
            callback);
      }
    });
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw e instanceof IOException io ? io : new IOException("cannot start the HTTP server", e);
    }
  }

  private ServerConnector connector(int port, long idleMillis, int maxConnections) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    ServerConnector c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    c.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    c.setPort(port);
    c.setIdleTimeout(idleMillis);
    c.setAcceptedTcpNoDelay(true); // else Nagle and delayed ACKs add ~40 ms to a reply
    server.addConnector(c);
    server.addBean(new NetworkConnectionLimit(maxConnections, c));
    return c;
  }

  int frontPort() {
    return front.getLocalPort();
  }

  int runtimeApiPort() {
    return runtimeApi.getLocalPort();
  }

  /** Stops taking invoke requests; the Runtime API keeps serving until {@link #close()}. */
  void closeFront() {
    try {
      front.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the front connector", e);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTP server", e);
    }
  }
}
