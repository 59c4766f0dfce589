package io.spillover.aws.internal;

import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.http.PayloadTooLargeException;
import io.spillover.http.spi.HttpReply;
import io.spillover.http.spi.Replies;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a Lambda Invoke reply. The status says whether Lambda ran the function; whether the
 * function itself failed is the {@code X-Amz-Function-Error} header of a 200.
 */
public final class LambdaReplies {
  /** Lambda errors raised before the function runs: safe to retry anywhere. */
  private static final Set<String> NOT_RUN = Set.of("ResourceNotReadyException",
      "ResourceConflictException", "SnapStartNotReadyException");
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private LambdaReplies() {}

  public static byte[] map(HttpReply reply, String target, int payloadBytes, int limit) {
    int status = reply.status();
    if (status == 200) {
      String functionError = reply.header("X-Amz-Function-Error");
      if (functionError != null) {
        throw functionError(reply, functionError);
      }
      return Replies.requireEnvelope(reply.body(), target);
    }
    throw serviceError(reply, target, payloadBytes, limit);
  }

  private static FunctionErrorException functionError(HttpReply reply, String kind) {
    JsonNode body = parse(reply.body());
    String type = text(body, "errorType");
    String message = text(body, "errorMessage");
    return new FunctionErrorException(type != null ? type : "Lambda." + kind,
        message != null ? message : reply.snippet());
  }

  private static FunctionException serviceError(HttpReply reply, String target, int payloadBytes,
      int limit) {
    int status = reply.status();
    String type = errorType(reply, parse(reply.body()));
    String detail = detail(reply, target);
    if (status == 429 || "TooManyRequestsException".equals(type)
        || "EC2ThrottledException".equals(type)) {
      return new FunctionThrottledException(detail);
    }
    if (status == 413 || "RequestTooLargeException".equals(type)) {
      return new PayloadTooLargeException(detail, payloadBytes, limit);
    }
    if (status == 408) {
      return new FunctionTimeoutException(detail);
    }
    if (type != null && NOT_RUN.contains(type)) {
      return new FunctionTransportException(detail, false, null);
    }
    // a 4xx refuses the request (not found, access denied, bad signature); a 502 that names a
    // Lambda error (ENI, KMS, runtime set-up) failed before the function ran; a bare 5xx may not
    boolean notRun = (status >= 400 && status < 500) || (status == 502 && type != null);
    return new FunctionTransportException(detail, !notRun, null);
  }

  /** "Lambda answered 404 ResourceNotFoundException: Function not found: ... for target". */
  public static String detail(HttpReply reply, String target) {
    JsonNode body = parse(reply.body());
    String type = errorType(reply, body);
    String message = text(body, "message") != null ? text(body, "message") : text(body, "Message");
    String reason = text(body, "Reason");
    String requestId = reply.header("x-amzn-RequestId");
    return "Lambda answered " + reply.status() + (type == null ? "" : " " + type)
        + (message == null ? "" : ": " + message) + (reason == null ? "" : " (" + reason + ")")
        + " for " + target + (requestId == null ? "" : ", request id " + requestId);
  }

  private static String errorType(HttpReply reply, JsonNode body) {
    String header = reply.header("x-amzn-ErrorType");
    if (header != null && !header.isBlank()) {
      int colon = header.indexOf(':');
      return colon < 0 ? header : header.substring(0, colon);
    }
    String type = text(body, "__type");
    if (type != null) {
      return type.substring(type.indexOf('#') + 1);
    }
    return text(body, "code");
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      return null; // not JSON: the detail falls back to the raw text
    }
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(field);
    return v != null && v.isString() ? v.asString() : null;
  }
}
