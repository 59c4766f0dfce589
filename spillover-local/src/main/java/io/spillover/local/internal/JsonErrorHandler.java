package io.spillover.local.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The replies Jetty itself makes (headers too large, a malformed request, a request that failed
 * before a handler answered) as the platform's typed JSON, {@code {"error":{"type","message"}}},
 * with the status's fixed reason: never an HTML page, never the request's URI (a Runtime API
 * path carries the instance's secret) nor an exception's text.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  static byte[] body(int status) {
    String reason = HttpStatus.getMessage(status);
    return ("{\"error\":{\"type\":" + Exchange.quote(reason.replace(" ", "")) + ",\"message\":"
        + Exchange.quote(reason) + "}}").getBytes(StandardCharsets.UTF_8);
  }
}
