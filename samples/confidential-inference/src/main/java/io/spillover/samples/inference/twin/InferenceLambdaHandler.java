package io.spillover.samples.inference.twin;

import io.spillover.aws.SpilloverLambdaHandler;

/** The twin as a Lambda handler; the app is built on the first request. */
public final class InferenceLambdaHandler extends SpilloverLambdaHandler {
  public InferenceLambdaHandler() {
    super(InferenceTwin::fromEnvironment);
  }
}
