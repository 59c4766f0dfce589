package io.spillover.local.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spillover.local.FunctionStats;
import io.spillover.local.PlatformStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's front door on 127.0.0.1: the Lambda Invoke API, the OpenWhisk REST API, plain
 * HTTP function endpoints and {@code GET /status}. Requests over a concurrency cap are answered
 * 429 at once, so the threads that wait on functions are bounded by the caps.
 */
public final class FrontServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrontServer.class);
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(PlatformResources.daemon("spillover-local-front"));
  private final InstancePool pool;
  private final LambdaFrontend lambda;
  private final OpenWhiskFrontend openWhisk;
  private final HttpFrontend http;

  public FrontServer(InstancePool pool, int port) throws IOException {
    this.pool = pool;
    this.lambda = new LambdaFrontend(pool);
    this.openWhisk = new OpenWhiskFrontend(pool);
    this.http = new HttpFrontend(pool);
    Exchanges.noDelay();
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setExecutor(executor);
    server.createContext("/", this::route);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    try {
      if (path.startsWith(LambdaFrontend.PREFIX)) {
        lambda.handle(ex);
      } else if (path.startsWith(OpenWhiskFrontend.PREFIX)) {
        openWhisk.handle(ex);
      } else if (path.startsWith(HttpFrontend.PREFIX)) {
        http.handle(ex);
      } else if (path.equals("/status") && ex.getRequestMethod().equals("GET")) {
        Exchanges.send(ex, 200, status(pool.stats()));
      } else {
        Exchanges.send(ex, 404, "{\"error\":\"not found\",\"paths\":[\"" + LambdaFrontend.PREFIX
            + "{name}/invocations\",\"" + OpenWhiskFrontend.PREFIX + "{ns}/actions/{action}\",\""
            + HttpFrontend.PREFIX + "{function}\",\"/status\"]}");
      }
    } catch (RuntimeException | IOException e) {
      LOG.warn("{} {} failed", ex.getRequestMethod(), path, e);
      try {
        Exchanges.send(ex, 500, "{\"error\":" + Exchanges.quote(String.valueOf(e)) + "}");
      } catch (IOException | RuntimeException again) {
        e.addSuppressed(again);
        ex.close();
      }
    }
  }

  static byte[] status(PlatformStats s) {
    ObjectNode root = ActivationRecord.JSON.createObjectNode();
    root.put("lambdaRuntime", s.lambdaRuntime());
    root.put("instances", s.instances());
    root.put("inFlight", s.inFlight());
    root.put("coldStarts", s.coldStarts());
    root.put("invocations", s.invocations());
    root.put("throttles", s.throttles());
    root.put("errors", s.errors());
    root.put("billedGbSeconds", s.billedGbSeconds());
    root.put("costUsd", s.costUsd());
    var functions = root.putArray("functions");
    for (FunctionStats f : s.functions()) {
      functions.addPOJO(f);
    }
    return ActivationRecord.JSON.writeValueAsBytes(root);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
