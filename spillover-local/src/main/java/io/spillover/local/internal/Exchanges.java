package io.spillover.local.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers over the JDK's {@link HttpExchange}. */
final class Exchanges {
  private Exchanges() {}

  /**
   * Turns on TCP_NODELAY for the JDK's HTTP server, read once when its first server is made:
   * without it a response's headers and body go out as two segments and Nagle's algorithm plus
   * the peer's delayed ACK add ~40 ms to every call. A value the application set is kept.
   */
  static void noDelay() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The request body, or null when it is longer than {@code limit} bytes. */
  static byte[] body(HttpExchange ex, int limit) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          return null;
        }
      } catch (NumberFormatException e) {
        // chunked or garbage: the read below enforces the limit
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > limit) {
          return null;
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    if (!ex.getResponseHeaders().containsKey("Content-Type") && body != null && body.length > 0) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    boolean empty = body == null || body.length == 0 || status == 204;
    ex.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  /** An AWS-style error: the type goes in {@code x-amzn-ErrorType}. */
  static void send(HttpExchange ex, int status, String json, String awsErrorType)
      throws IOException {
    ex.getResponseHeaders().set("x-amzn-ErrorType", awsErrorType);
    send(ex, status, json);
  }

  static void send(HttpExchange ex, int status, String json) throws IOException {
    send(ex, status, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON string literal (quotes included). */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
