package io.spillover.local.internal;

import io.spillover.local.FunctionStats;
import io.spillover.local.PlatformStats;
import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's front door on 127.0.0.1: the Lambda Invoke API, the OpenWhisk REST API, plain
 * HTTP function endpoints and {@code GET /status}, served with the workers' Runtime API by one
 * {@link LoopbackServer}. No request holds a thread while it waits for its body or for a function;
 * requests over a concurrency cap are answered 429 at once.
 */
public final class FrontServer implements AutoCloseable {
  private final InstancePool pool;
  private final LambdaFrontend lambda;
  private final OpenWhiskFrontend openWhisk;
  private final HttpFrontend http;
  private final LoopbackServer server;

  public FrontServer(InstancePool pool, int port) throws IOException {
    this.pool = pool;
    this.lambda = new LambdaFrontend(pool);
    this.openWhisk = new OpenWhiskFrontend(pool);
    this.http = new HttpFrontend(pool);
    RuntimeApi runtimeApi = pool.runtimeApi();
    this.server = new LoopbackServer(pool.config(), port, this::route, runtimeApi::handle);
    runtimeApi.listening(server.runtimeApiPort());
  }

  public int port() {
    return server.frontPort();
  }

  private boolean route(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    Exchange ex = new Exchange(request, response, callback, path);
    ex.waitWithoutIdleTimeout(); // the platform's time limits end every invocation
    ex.guarded(() -> {
      if (path.startsWith(LambdaFrontend.PREFIX)) {
        lambda.handle(ex);
      } else if (path.startsWith(OpenWhiskFrontend.PREFIX)) {
        openWhisk.handle(ex);
      } else if (path.startsWith(HttpFrontend.PREFIX)) {
        http.handle(ex);
      } else if (path.equals("/status") && ex.method().equals("GET")) {
        ex.send(200, status(pool.stats()));
      } else {
        ex.send(404, "{\"error\":\"not found\",\"paths\":[\"" + LambdaFrontend.PREFIX
            + "{name}/invocations\",\"" + OpenWhiskFrontend.PREFIX + "{ns}/actions/{action}\",\""
            + HttpFrontend.PREFIX + "{function}\",\"/status\"]}");
      }
    });
    return true;
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
    root.put("runtimeApiRefusals", s.runtimeApiRefusals());
    root.put("billedGbSeconds", s.billedGbSeconds());
    root.put("costUsd", s.costUsd());
    var functions = root.putArray("functions");
    for (FunctionStats f : s.functions()) {
      functions.addPOJO(f);
    }
    return ActivationRecord.JSON.writeValueAsBytes(root);
  }

  /** Stops taking invoke requests; the workers' Runtime API serves on until {@link #close()}. */
  public void stopAccepting() {
    server.closeFront();
  }

  /** Stops the server, the Runtime API included: call it once the workers are gone. */
  @Override
  public void close() {
    server.close();
  }
}
