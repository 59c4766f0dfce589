package io.spillover.samples.social.twin;

import com.google.gson.JsonObject;
import io.spillover.openwhisk.SpilloverAction;

/**
 * The OpenWhisk function twin: the same logic services as {@link SocialTwinHandler}, as a Java
 * action ({@code --main io.spillover.samples.social.twin.SocialTwinAction}); storage at
 * {@code $SOCIAL_STORAGE_URL}.
 */
public final class SocialTwinAction {
  private static final SpilloverAction ACTION = SpilloverAction.of(SocialTwin::fromEnvironment);

  private SocialTwinAction() {}

  /** The action entry point. */
  public static JsonObject main(JsonObject args) {
    return ACTION.run(args);
  }
}
