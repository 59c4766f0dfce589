package io.spillover.local.e2e;

import io.spillover.aws.SpilloverLambdaHandler;

/** The digest twin packaged as a Lambda handler. */
public final class DigestLambdaHandler extends SpilloverLambdaHandler {
  public DigestLambdaHandler() {
    super(DigestApp::create);
  }
}
