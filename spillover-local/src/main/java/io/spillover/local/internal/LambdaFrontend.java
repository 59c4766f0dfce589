package io.spillover.local.internal;

import com.sun.net.httpserver.HttpExchange;
import io.spillover.local.FunctionKind;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) with the real
 * service's status codes, error headers and bodies. Authorization (SigV4) is accepted unverified.
 */
final class LambdaFrontend {
  static final String PREFIX = "/2015-03-31/functions/";
  static final int MAX_REQUEST = 6 * 1024 * 1024;
  private final InstancePool pool;

  LambdaFrontend(InstancePool pool) {
    this.pool = pool;
  }

  void handle(HttpExchange ex) throws IOException {
    String requestId = UUID.randomUUID().toString();
    ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
    String rest = ex.getRequestURI().getRawPath().substring(PREFIX.length());
    if (!rest.endsWith("/invocations") || rest.indexOf('/') != rest.length() - 12
        || !ex.getRequestMethod().equals("POST")) {
      error(ex, 404, "UnknownOperationException", "Unknown operation " + ex.getRequestMethod()
          + " " + ex.getRequestURI().getPath());
      return;
    }
    String segment = URLDecoder.decode(rest.substring(0, rest.length() - 12),
        StandardCharsets.UTF_8);
    String name = LambdaNames.functionName(segment);
    if (pool.function(name, FunctionKind.LAMBDA) == null) {
      error(ex, 404, "ResourceNotFoundException", "Function not found: "
          + LambdaNames.arn(name));
      return;
    }
    String type = ex.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
    if (type != null && !type.equals("RequestResponse") && !type.equals("DryRun")) {
      error(ex, 400, "InvalidParameterValueException", "Invocation type " + type
          + " is not supported by the local platform (RequestResponse and DryRun are)");
      return;
    }
    byte[] payload = Exchanges.body(ex, MAX_REQUEST);
    if (payload == null) {
      error(ex, 413, "RequestTooLargeException", "Request must be smaller than " + MAX_REQUEST
          + " bytes for the InvokeFunction operation");
      return;
    }
    if ("DryRun".equals(type)) {
      Exchanges.send(ex, 204, (byte[]) null);
      return;
    }
    Outcome o;
    try {
      o = Waiting.await(pool.invoke(name, requestId, payload));
    } catch (ThrottledException t) {
      ex.getResponseHeaders().set("Retry-After", "1");
      Exchanges.send(ex, 429, "{\"Reason\":\"" + (t.scope() == ThrottledException.Scope.FUNCTION
          ? "ReservedFunctionConcurrentInvocationLimitExceeded"
          : "ConcurrentInvocationLimitExceeded") + "\",\"Type\":\"User\","
          + "\"message\":\"Rate Exceeded.\"}", "TooManyRequestsException");
      return;
    }
    ex.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
    if (o.status() == Outcome.Status.OK) {
      Exchanges.send(ex, 200, o.payload());
      return;
    }
    ex.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
    if (o.payload() != null && o.payload().length > 0) {
      Exchanges.send(ex, 200, o.payload());
    } else {
      Exchanges.send(ex, 200, "{\"errorMessage\":" + Exchanges.quote("RequestId: " + requestId
          + " Error: " + o.message()) + ",\"errorType\":" + Exchanges.quote(o.errorType()) + "}");
    }
  }

  private static void error(HttpExchange ex, int status, String type, String message)
      throws IOException {
    Exchanges.send(ex, status, "{\"Type\":\"User\",\"message\":" + Exchanges.quote(message) + "}",
        type);
  }
}
