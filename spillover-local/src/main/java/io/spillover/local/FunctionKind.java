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
  OPENWHISK
}
