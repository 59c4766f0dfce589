package io.spillover.samples.social.twin;

import io.spillover.aws.SpilloverLambdaHandler;

/**
 * The Lambda function twin: all logic services in one function, storage at
 * {@code $SOCIAL_STORAGE_URL}. Handler {@code io.spillover.samples.social.twin.SocialTwinHandler}.
 */
public final class SocialTwinHandler extends SpilloverLambdaHandler {
  public SocialTwinHandler() {
    super(SocialTwin::fromEnvironment);
  }
}
