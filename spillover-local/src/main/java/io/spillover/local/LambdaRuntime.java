package io.spillover.local;

/** What hosts a Lambda handler inside a worker JVM. */
public enum LambdaRuntime {
  /**
   * The AWS Lambda Runtime Interface Client, falling back to {@link #BUILTIN} (once, for the rest
   * of the platform's life) when the client's native library cannot load on this machine.
   */
  AUTO,
  /** The AWS Lambda Runtime Interface Client ({@code AWSLambda} main), as Lambda runs it. */
  RIC,
  /**
   * A small runtime loop of this module speaking the same Runtime API; hosts
   * {@code RequestStreamHandler} classes only.
   */
  BUILTIN
}
