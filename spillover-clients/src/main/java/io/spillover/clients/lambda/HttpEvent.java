package io.spillover.clients.lambda;

import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The codec of the contract's "lambda" transport: an {@link HttpCall} as an API Gateway HTTP API
 * payload format 2.0 event (what Lambda web adapters turn back into an HTTP request), and the
 * function's 2.0 reply as an {@link HttpResult}. Bodies are base64 unless the content type is
 * textual (text/*, json, xml, form).
 */
public final class HttpEvent {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpEvent() {}

  /** The 2.0 event of {@code call}; header names lower-cased, repeated values comma-joined. */
  public static byte[] encode(HttpCall call, String requestId, long timeEpochMillis) {
    ObjectNode e = JSON.createObjectNode();
    e.put("version", "2.0");
    e.put("routeKey", "$default");
    e.put("rawPath", call.path());
    e.put("rawQueryString", call.rawQuery());
    ObjectNode headers = e.putObject("headers");
    List<String> cookies = new ArrayList<>();
    call.headers().forEach((name, values) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals("cookie")) {
        values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
      } else {
        headers.put(n, String.join(",", values));
      }
    });
    if (!cookies.isEmpty()) {
      cookies.forEach(e.putArray("cookies")::add);
    }
    ObjectNode ctx = e.putObject("requestContext");
    ObjectNode http = ctx.putObject("http");
    http.put("method", call.method());
    http.put("path", call.path());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    http.put("userAgent", headers.has("user-agent") ? headers.get("user-agent").asString() : "");
    ctx.put("requestId", requestId);
    ctx.put("timeEpoch", timeEpochMillis);
    boolean text = textual(headers.has("content-type") ? headers.get("content-type").asString() : "");
    if (call.body().length > 0) {
      e.put("body", text ? new String(call.body(), StandardCharsets.UTF_8)
          : Base64.getEncoder().encodeToString(call.body()));
    }
    e.put("isBase64Encoded", call.body().length > 0 && !text);
    return JSON.writeValueAsBytes(e);
  }

  /** The {@link HttpResult} of a 2.0 reply payload. */
  public static HttpResult decodeReply(byte[] payload) {
    JsonNode r = JSON.readTree(payload);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode h = r.path("headers");
    for (String name : h.propertyNames()) {
      headers.put(name, List.of(h.get(name).asString()));
    }
    JsonNode mv = r.path("multiValueHeaders");
    for (String name : mv.propertyNames()) {
      List<String> vs = new ArrayList<>();
      mv.get(name).forEach(v -> vs.add(v.asString()));
      headers.put(name, vs);
    }
    if (r.path("cookies").isArray()) {
      List<String> set = new ArrayList<>();
      r.get("cookies").forEach(c -> set.add(c.asString()));
      headers.put("set-cookie", set);
    }
    String body = r.path("body").asString("");
    byte[] bytes = r.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
    return new HttpResult(r.path("statusCode").asInt(200), headers, bytes);
  }

  static boolean textual(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("text/") || t.contains("json") || t.contains("xml")
        || t.contains("x-www-form-urlencoded");
  }
}
