package io.spillover.local.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's own reader/writer of the API Gateway HTTP API payload format 2.0 (the event an
 * {@code app} function gets through the Lambda Invoke API, and its reply), so both entry paths of
 * an app run one way: the HTTP frontend writes an event, the instance turns it into the request.
 */
final class HttpEvents {
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
      "transfer-encoding", "upgrade", "host", "content-length", "proxy-connection",
      "proxy-authenticate", "proxy-authorization");

  private HttpEvents() {}

  /** The reply of an app, decoded from the event reply. */
  record Reply(int status, Map<String, String> headers, byte[] body) {}

  static boolean textual(String contentType) {
    if (contentType == null) {
      return true; // no body type: an empty or plain body
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("text/") || t.contains("json") || t.contains("xml")
        || t.contains("x-www-form-urlencoded");
  }

  static byte[] event(String method, String rawPath, String rawQuery, Map<String, String> headers,
      byte[] body, String requestId, long epochMillis) {
    ObjectNode e = ActivationRecord.JSON.createObjectNode();
    e.put("version", "2.0").put("routeKey", "$default").put("rawPath", rawPath)
        .put("rawQueryString", rawQuery == null ? "" : rawQuery);
    ObjectNode h = e.putObject("headers");
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
    ObjectNode http = e.putObject("requestContext").put("requestId", requestId)
        .put("timeEpoch", epochMillis).putObject("http");
    http.put("method", method).put("path", rawPath).put("protocol", "HTTP/1.1")
        .put("sourceIp", "127.0.0.1").put("userAgent", headers.getOrDefault("user-agent", ""));
    putBody(e, headers.get("content-type"), body);
    return ActivationRecord.JSON.writeValueAsBytes(e);
  }

  /** The HTTP request an event stands for, to the app at {@code base} (no trailing slash). */
  static Request request(JsonNode e, String base) {
    String path = e.path("rawPath").asString("/");
    String query = e.path("rawQueryString").asString("");
    Request.Builder b = new Request.Builder().url(base + (path.startsWith("/") ? path : "/" + path)
        + (query.isEmpty() ? "" : "?" + query));
    String type = null;
    for (Map.Entry<String, JsonNode> h : e.path("headers").properties()) {
      if (!HOP_BY_HOP.contains(h.getKey())) {
        b.header(h.getKey(), h.getValue().asString());
      }
      if (h.getKey().equals("content-type")) {
        type = h.getValue().asString();
      }
    }
    if (e.path("cookies").isArray() && !e.path("cookies").isEmpty()) {
      StringBuilder c = new StringBuilder();
      e.path("cookies").forEach(v -> c.append(c.length() == 0 ? "" : "; ").append(v.asString()));
      b.header("cookie", c.toString());
    }
    String method = e.path("requestContext").path("http").path("method").asString("GET");
    byte[] body = bodyOf(e);
    boolean noBody = method.equals("GET") || method.equals("HEAD");
    b.method(method, noBody ? null : RequestBody.create(body,
        type == null ? null : MediaType.parse(type)));
    return b.build();
  }

  /** The event reply for the app's {@code response} with {@code body}. */
  static byte[] reply(Response response, byte[] body) {
    ObjectNode r = ActivationRecord.JSON.createObjectNode();
    r.put("statusCode", response.code());
    ObjectNode h = r.putObject("headers");
    Map<String, String> joined = new LinkedHashMap<>();
    for (String name : response.headers().names()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(n) && !n.equals("set-cookie")) {
        joined.put(n, String.join(",", response.headers(name)));
      }
    }
    joined.forEach(h::put);
    if (!response.headers("set-cookie").isEmpty()) {
      response.headers("set-cookie").forEach(r.putArray("cookies")::add);
    }
    putBody(r, response.header("content-type"), body);
    return ActivationRecord.JSON.writeValueAsBytes(r);
  }

  static Reply readReply(byte[] payload) {
    JsonNode r = ActivationRecord.JSON.readTree(payload);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> h : r.path("headers").properties()) {
      headers.put(h.getKey(), h.getValue().asString());
    }
    return new Reply(r.path("statusCode").asInt(200), headers, bodyOf(r));
  }

  private static void putBody(ObjectNode n, String contentType, byte[] body) {
    boolean text = textual(contentType);
    n.put("body", text ? new String(body, StandardCharsets.UTF_8)
        : Base64.getEncoder().encodeToString(body));
    n.put("isBase64Encoded", !text);
  }

  private static byte[] bodyOf(JsonNode n) {
    String body = n.path("body").asString("");
    return n.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
  }
}
