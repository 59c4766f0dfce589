package io.spillover.it;

import io.spillover.aws.SpilloverLambdaHandler;

/** The confidential twin as a Lambda handler; the app is built on the first request. */
public final class ConfidentialLambdaHandler extends SpilloverLambdaHandler {
  public ConfidentialLambdaHandler() {
    super(ConfidentialTwin::fromEnvironment);
  }
}
