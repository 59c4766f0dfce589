package io.spillover.local;

/** Which platform a local function imitates, which decides its API, runtime and billing. */
public enum FunctionKind {
  /**
   * An AWS Lambda function: a {@code RequestStreamHandler} hosted by the Lambda Runtime Interface
   * Client, one request at a time per instance, invoked through the Lambda Invoke API.
   */
  LAMBDA,
  /**
   * An Apache OpenWhisk Java action: a class with {@code public static JsonObject main(JsonObject)}
   * behind {@code /init} and {@code /run}, N concurrent activations per instance, invoked through
   * the OpenWhisk action REST API.
   */
  OPENWHISK,
  /**
   * An HTTP application (a Cloud Run / Knative / Lambda Web Adapter style twin): the app's own
   * main class started on a loopback port, N concurrent requests per instance, reached as plain
   * HTTP under {@code /http/{name}/...} or through the Lambda Invoke API with an HTTP event.
   */
  APP
}
