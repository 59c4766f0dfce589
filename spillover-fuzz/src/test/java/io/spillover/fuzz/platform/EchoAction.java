package io.spillover.fuzz.platform;

import com.google.gson.JsonObject;

/** An OpenWhisk action of the platform fuzz target: answers its parameters. */
public final class EchoAction {
  private EchoAction() {}

  public static JsonObject main(JsonObject args) {
    return args;
  }
}
