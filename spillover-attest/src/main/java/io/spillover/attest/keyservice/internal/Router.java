package io.spillover.attest.keyservice.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the key service's HTTP API onto {@link KeyServiceCore}; every answer is JSON. A request
 * body is read without blocking a thread (Jetty calls back when it has arrived), so a client that
 * declares a body and never sends it holds no request thread; the idle timeout ends it.
 */
public final class Router extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final Pattern FUNCTION_PATH =
      Pattern.compile("/v1/functions/([A-Za-z0-9][A-Za-z0-9._-]{0,127})/(attest|public-keyset"
          + "|data-keys/([A-Za-z0-9][A-Za-z0-9._-]{0,127}))");

  private final KeyServiceCore core;
  private final int maxBody;

  public Router(KeyServiceCore core, int maxBody) {
    this.core = core;
    this.maxBody = maxBody;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    Matcher m = FUNCTION_PATH.matcher(path == null ? "" : path);
    if (m.matches() && !"public-keyset".equals(m.group(2)) && "POST".equals(method)) {
      String function = m.group(1);
      String dataKey = m.group(3);
      String source = Request.getRemoteAddr(request);
      Content.Source.asByteArrayAsync(request, maxBody).whenComplete((body, failure) -> {
        if (failure != null) {
          reply(response, callback, bodyFailure(failure));
        } else {
          reply(response, callback, answer(path, () -> dataKey == null
              ? core.attest(function, json(body), source)
              : core.dataKey(function, dataKey, json(body), source)));
        }
      });
      return true;
    }
    reply(response, callback, answer(path, () -> route(request, path, method, m)));
    return true;
  }

  private ObjectNode route(Request request, String path, String method, Matcher m) {
    if ("/v1/nonce".equals(path)) {
      requireMethod(method, "POST");
      return core.nonce();
    }
    if (!m.matches()) {
      throw new HttpError(404, "no such endpoint: " + path);
    }
    if (!"public-keyset".equals(m.group(2))) {
      throw new HttpError(405, "use POST");
    }
    requireMethod(method, "GET");
    var headers = request.getHeaders();
    return core.publicKeyset(m.group(1), headers.get(Protocol.CALLER_HEADER),
        headers.get(Protocol.TIMESTAMP_HEADER), headers.get(Protocol.SIGNATURE_HEADER));
  }

  private record Answer(int status, ObjectNode body) {}

  private static Answer answer(String path, Supplier<ObjectNode> operation) {
    try {
      return new Answer(200, operation.get());
    } catch (HttpError e) {
      return new Answer(e.status(), e.body() != null ? e.body() : error(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("key service request {} failed", path, e);
      return new Answer(500, error("internal error"));
    }
  }

  private static Answer bodyFailure(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof HttpException http) {
      return new Answer(http.getCode(), error(http.getReason()));
    }
    if (cause instanceof TimeoutException) {
      return new Answer(408, error("request body did not arrive within the idle timeout"));
    }
    if (cause instanceof IllegalArgumentException) { // Jetty's "over maxSize"
      return new Answer(413, error("request body too large"));
    }
    return new Answer(400, error("request body could not be read"));
  }

  private static void reply(Response response, Callback callback, Answer answer) {
    byte[] bytes = KeyServiceCore.JSON.writeValueAsBytes(answer.body());
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static JsonNode json(byte[] bytes) {
    try {
      JsonNode node = KeyServiceCore.JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new HttpError(400, "request body must be a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new HttpError(400, "request body is not JSON");
    }
  }

  private static void requireMethod(String actual, String expected) {
    if (!expected.equals(actual)) {
      throw new HttpError(405, "use " + expected);
    }
  }

  private static ObjectNode error(String message) {
    ObjectNode node = KeyServiceCore.JSON.createObjectNode();
    node.put("error", message);
    return node;
  }
}
