package io.spillover.samples.inference.twin;

import com.google.gson.JsonObject;
import io.spillover.openwhisk.SpilloverAction;

/** The twin as an OpenWhisk Java action; the app is built on the first activation. */
public final class InferenceAction {
  private static final SpilloverAction ACTION = SpilloverAction.of(InferenceTwin::fromEnvironment);

  private InferenceAction() {}

  public static JsonObject main(JsonObject args) {
    return ACTION.run(args);
  }
}
