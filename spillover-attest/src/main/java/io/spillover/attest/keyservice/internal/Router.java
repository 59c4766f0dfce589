package io.spillover.attest.keyservice.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Maps the key service's HTTP API onto {@link KeyServiceCore}; every answer is JSON. */
public final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final Pattern FUNCTION_PATH =
      Pattern.compile("/v1/functions/([A-Za-z0-9][A-Za-z0-9._-]{0,127})/(attest|public-keyset)");
  private static final int MAX_BODY = 1 << 20;

  private final KeyServiceCore core;

  public Router(KeyServiceCore core) {
    this.core = core;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode answer;
      int status = 200;
      try {
        answer = route(exchange);
      } catch (HttpError e) {
        status = e.status();
        answer = error(e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("key service request {} failed", exchange.getRequestURI().getPath(), e);
        status = 500;
        answer = error("internal error");
      }
      byte[] bytes = KeyServiceCore.JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private ObjectNode route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if ("/v1/nonce".equals(path)) {
      requireMethod(method, "POST");
      return core.nonce();
    }
    Matcher m = FUNCTION_PATH.matcher(path);
    if (!m.matches()) {
      throw new HttpError(404, "no such endpoint: " + path);
    }
    String function = m.group(1);
    if ("attest".equals(m.group(2))) {
      requireMethod(method, "POST");
      return core.attest(function, body(exchange));
    }
    requireMethod(method, "GET");
    var headers = exchange.getRequestHeaders();
    return core.publicKeyset(function, headers.getFirst(Protocol.CALLER_HEADER),
        headers.getFirst(Protocol.TIMESTAMP_HEADER), headers.getFirst(Protocol.SIGNATURE_HEADER));
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new HttpError(413, "request body over " + MAX_BODY + " bytes");
    }
    try {
      JsonNode node = KeyServiceCore.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
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
