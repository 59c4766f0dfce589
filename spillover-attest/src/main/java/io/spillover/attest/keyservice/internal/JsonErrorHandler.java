package io.spillover.attest.keyservice.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors Jetty answers itself (headers too large: 431, body too large: 413, malformed request:
 * 400, ...) in the key service's own shape, {@code {"error": "..."}}, whatever the client accepts.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected boolean generateAcceptableResponse(Request request, Response response,
      Callback callback, String contentType, List<Charset> charsets, int code, String message,
      Throwable cause) {
    ObjectNode body = KeyServiceCore.JSON.createObjectNode();
    body.put("error", message != null ? message : HttpStatus.getMessage(code));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(KeyServiceCore.JSON.writeValueAsBytes(body)), callback);
    return true;
  }
}
