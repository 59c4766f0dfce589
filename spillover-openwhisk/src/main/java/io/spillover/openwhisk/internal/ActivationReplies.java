package io.spillover.openwhisk.internal;

import io.spillover.function.FunctionErrorException;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.http.PayloadTooLargeException;
import io.spillover.http.spi.HttpReply;
import io.spillover.http.spi.Replies;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps OpenWhisk replies. An action's result carries the reply envelope under
 * {@value #ENVELOPE_FIELD}: OpenWhisk keeps only the {@code error} field of a result that has one,
 * so a bare error envelope would lose its id and type on the way back.
 */
public final class ActivationReplies {
  /** The result field that holds the reply envelope. */
  public static final String ENVELOPE_FIELD = "envelope";
  /** The error type of an action that failed in OpenWhisk's eyes (application or developer error). */
  public static final String ACTION_ERROR = "OpenWhisk.ActionError";
  static final String ACTIVATION_ID_HEADER = "x-openwhisk-activation-id";
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private ActivationReplies() {}

  /** The reply envelope of a finished blocking invocation ({@code result=true}). */
  public static byte[] invokeResult(HttpReply reply, String target, int payloadBytes) {
    int status = reply.status();
    if (status == 200) {
      return envelope(reply.body(), target, ENVELOPE_FIELD);
    }
    String activation = reply.header(ACTIVATION_ID_HEADER);
    String detail = "OpenWhisk answered " + status + " for " + target
        + (activation == null ? "" : " (activation " + activation + ")");
    JsonNode error = errorField(parse(reply.body()));
    if (status == 502 && error != null) {
      throw new FunctionErrorException(ACTION_ERROR, text(error) + " [" + detail + "]");
    }
    if (status >= 400) {
      throw statusFailure(reply, detail, error, payloadBytes);
    }
    throw new FunctionTransportException(detail + ": unexpected reply " + reply.snippet(), true, null);
  }

  /** The activation id of a 202 (accepted, still running); null when the body names none. */
  public static String activationId(HttpReply reply) {
    JsonNode id = field(parse(reply.body()), "activationId");
    return id != null && id.isString() ? id.asString() : reply.header(ACTIVATION_ID_HEADER);
  }

  /** The reply envelope of a finished activation record ({@code GET .../activations/{id}}). */
  public static byte[] activationResult(HttpReply reply, String target, String activationId) {
    JsonNode activation = parse(reply.body());
    JsonNode response = field(activation, "response");
    if (response == null) {
      throw new FunctionTransportException("activation " + activationId + " of " + target
          + " has no response: " + reply.snippet(), true, null);
    }
    JsonNode success = field(response, "success");
    if (success != null && success.asBoolean()) {
      return envelope(reply.body(), target, "response", "result", ENVELOPE_FIELD);
    }
    String status = text(field(response, "status"));
    JsonNode error = errorField(field(response, "result"));
    String detail = "activation " + activationId + " of " + target + " ended in " + status;
    if ("application error".equals(status) || "action developer error".equals(status)) {
      throw new FunctionErrorException(ACTION_ERROR, text(error) + " [" + detail + "]");
    }
    throw new FunctionTransportException(detail + ": " + text(error), true, null);
  }

  private static FunctionException statusFailure(HttpReply reply, String detail, JsonNode error,
      int payloadBytes) {
    String why = detail + (error != null ? ": " + text(error) : "");
    return switch (reply.status()) {
      case 429 -> new FunctionThrottledException(why);
      case 408, 504 -> new FunctionTimeoutException(why);
      case 413 -> new PayloadTooLargeException(why, payloadBytes, -1);
      // a 4xx refuses the request (auth, unknown action): the action did not run
      default -> new FunctionTransportException(
          error != null ? why : why + ": " + reply.snippet(), reply.status() >= 500, null);
    };
  }

  private static byte[] envelope(byte[] body, String target, String... path) {
    byte[] envelope = JsonSlice.object(body, path);
    if (envelope == null) {
      throw new FunctionTransportException("reply from " + target + " carries no \"" + ENVELOPE_FIELD
          + "\" object: " + new HttpReply(200, okhttp3.Headers.of(), body).snippet(), true, null);
    }
    return Replies.requireEnvelope(envelope, target);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static JsonNode errorField(JsonNode node) {
    return field(node, "error");
  }

  private static JsonNode field(JsonNode node, String name) {
    return node != null && node.isObject() ? node.get(name) : null;
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return "(no detail)";
    }
    return node.isString() ? node.asString() : node.toString();
  }
}
