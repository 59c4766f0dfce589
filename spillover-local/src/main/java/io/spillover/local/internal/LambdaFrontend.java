package io.spillover.local.internal;

import io.spillover.local.FunctionKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) with the real
 * service's status codes, error headers and bodies. Authorization (SigV4) is accepted unverified.
 * The payload must be JSON, as Lambda's: an empty one is the event {@code {}} (as Lambda passes
 * it), anything else that is not one JSON value is refused with 400
 * {@code InvalidRequestContentException} before any instance is involved.
 */
final class LambdaFrontend {
  static final String PREFIX = "/2015-03-31/functions/";
  static final int MAX_REQUEST = 6 * 1024 * 1024;
  private static final byte[] EMPTY_EVENT = "{}".getBytes(StandardCharsets.UTF_8);
  private final InstancePool pool;

  LambdaFrontend(InstancePool pool) {
    this.pool = pool;
  }

  void handle(Exchange ex) {
    String requestId = UUID.randomUUID().toString();
    ex.setHeader("x-amzn-RequestId", requestId);
    String rest = ex.rawPath().substring(PREFIX.length());
    if (!rest.endsWith("/invocations") || rest.indexOf('/') != rest.length() - 12
        || !ex.method().equals("POST")) {
      error(ex, 404, "UnknownOperationException", "Unknown operation " + ex.method() + " "
          + ex.request.getHttpURI().getDecodedPath());
      return;
    }
    String segment = URLDecoder.decode(rest.substring(0, rest.length() - 12),
        StandardCharsets.UTF_8);
    String name = LambdaNames.functionName(segment);
    // an app function takes an HTTP API 2.0 event here, as the Lambda Web Adapter does
    if (pool.function(name, FunctionKind.LAMBDA) == null
        && pool.function(name, FunctionKind.APP) == null) {
      error(ex, 404, "ResourceNotFoundException", "Function not found: "
          + LambdaNames.arn(name));
      return;
    }
    String type = ex.header("X-Amz-Invocation-Type");
    if (type != null && !type.equals("RequestResponse") && !type.equals("DryRun")) {
      error(ex, 400, "InvalidParameterValueException", "Invocation type " + type
          + " is not supported by the local platform (RequestResponse and DryRun are)");
      return;
    }
    ex.readBody(MAX_REQUEST, () -> error(ex, 413, "RequestEntityTooLargeException",
        "Request must be smaller than " + MAX_REQUEST + " bytes for the InvokeFunction operation"),
        body -> invoke(ex, name, requestId, type, body));
  }

  private void invoke(Exchange ex, String name, String requestId, String type, byte[] body) {
    byte[] payload = body.length == 0 ? EMPTY_EVENT : body;
    String problem = JsonPayloads.problem(payload, false);
    if (problem != null) {
      error(ex, 400, "InvalidRequestContentException", "Could not parse request body into json:"
          + " Could not parse payload into json: " + problem);
      return;
    }
    if ("DryRun".equals(type)) {
      ex.send(204, (byte[]) null);
      return;
    }
    try {
      ex.replyWhen(pool.invoke(name, requestId, payload), o -> reply(ex, requestId, o));
    } catch (ThrottledException t) {
      ex.setHeader("Retry-After", "1");
      ex.send(429, "{\"Reason\":\"" + (t.scope() == ThrottledException.Scope.FUNCTION
          ? "ReservedFunctionConcurrentInvocationLimitExceeded"
          : "ConcurrentInvocationLimitExceeded") + "\",\"Type\":\"User\","
          + "\"message\":\"Rate Exceeded.\"}", "TooManyRequestsException");
    }
  }

  private static void reply(Exchange ex, String requestId, Outcome o) {
    ex.setHeader("X-Amz-Executed-Version", "$LATEST");
    if (o.status() == Outcome.Status.OK) {
      ex.send(200, o.payload());
      return;
    }
    ex.setHeader("X-Amz-Function-Error", "Unhandled");
    if (o.payload() != null && o.payload().length > 0) {
      ex.send(200, o.payload());
    } else {
      ex.send(200, "{\"errorMessage\":" + Exchange.quote("RequestId: " + requestId
          + " Error: " + o.message()) + ",\"errorType\":" + Exchange.quote(o.errorType()) + "}");
    }
  }

  private static void error(Exchange ex, int status, String type, String message) {
    ex.send(status, "{\"Type\":\"User\",\"message\":" + Exchange.quote(message) + "}", type);
  }
}
