package io.spillover.local.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request being answered: Jetty's request, response and completion callback, with the few
 * operations the APIs need. Every exchange ends in exactly one {@code send} or {@link #fail}.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  final Request request;
  final Response response;
  private final Callback callback;
  private final String label;

  /** {@code label} names the exchange in logs; it must not carry a secret. */
  Exchange(Request request, Response response, Callback callback, String label) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.label = label;
  }

  String method() {
    return request.getMethod();
  }

  /** The path as sent, still percent-encoded. */
  String rawPath() {
    return request.getHttpURI().getPath();
  }

  /** The query as sent, or null. */
  String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /**
   * Reads the whole body without holding a thread, then hands it to {@code then}. A body longer
   * than {@code limit} bytes (declared or counted) goes to {@code tooLarge} instead. A body that
   * does not arrive whole (the client went away, or stalled past the idle timeout) fails the
   * exchange: nothing is handed on.
   */
  void readBody(int limit, Runnable tooLarge, Consumer<byte[]> then) {
    if (request.getLength() > limit) {
      tooLarge.run();
      return;
    }
    Content.Source.asByteArrayAsync(request, limit, Promise.Invocable.from(
        Invocable.InvocationType.BLOCKING, (byte[] body, Throwable failure) -> {
          if (failure == null) {
            guarded(() -> then.accept(body));
          } else if (failure instanceof IllegalStateException) {
            // what Jetty's reader reports when the body outgrows its limit
            guarded(tooLarge);
          } else {
            fail(failure);
          }
        }));
  }

  /**
   * Lets this exchange wait with no I/O for as long as it takes: the platform's own time limits
   * end every invocation and long poll. The idle timeout still cuts a read or a write that stalls.
   */
  void waitWithoutIdleTimeout() {
    request.addIdleTimeoutListener(timeout -> false);
  }

  /** Replies with {@code reply} once {@code future} completes; if it fails, with a 500. */
  <T> void replyWhen(CompletableFuture<T> future, Consumer<T> reply) {
    future.whenComplete((value, failure) -> {
      if (failure != null) {
        internalError(failure);
      } else {
        guarded(() -> reply.accept(value));
      }
    });
  }

  /** Runs {@code step}; if it throws, the client gets a 500 that says so. */
  void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  private void internalError(Throwable e) {
    LOG.warn("{} {} failed", method(), label, e);
    send(500, "{\"error\":{\"type\":\"InternalError\",\"message\":" + quote(String.valueOf(e))
        + "}}");
  }

  void send(int status, byte[] body) {
    boolean empty = body == null || body.length == 0 || status == 204;
    if (!empty && !response.getHeaders().contains(HttpHeader.CONTENT_TYPE)) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    }
    response.setStatus(status);
    response.write(true, empty ? null : ByteBuffer.wrap(body), callback);
  }

  void send(int status, String json) {
    send(status, json.getBytes(StandardCharsets.UTF_8));
  }

  /** An AWS-style error: the type goes in {@code x-amzn-ErrorType}. */
  void send(int status, String json, String awsErrorType) {
    setHeader("x-amzn-ErrorType", awsErrorType);
    send(status, json);
  }

  /** Ends the exchange without a reply of ours; Jetty answers if it still can, else closes. */
  void fail(Throwable failure) {
    callback.failed(failure);
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
