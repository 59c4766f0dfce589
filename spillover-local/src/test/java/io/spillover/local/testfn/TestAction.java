package io.spillover.local.testfn;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.spillover.function.FunctionApp;
import java.nio.charset.StandardCharsets;

/**
 * An OpenWhisk Java action around the test {@link FunctionApp}: the parameters are the envelope,
 * the result is the reply envelope. {@code {"appError":...}} returns an application error,
 * {@code {"raise":...}} throws.
 */
public final class TestAction {
  private static final FunctionApp APP = TestApp.create();

  private TestAction() {}

  public static JsonObject main(JsonObject args) {
    if (args.has("raise")) {
      throw new IllegalStateException("raised on purpose");
    }
    if (args.has("appError")) {
      JsonObject error = new JsonObject();
      error.addProperty("error", args.get("appError").getAsString());
      return error;
    }
    byte[] reply = APP.dispatch(args.toString().getBytes(StandardCharsets.UTF_8));
    return JsonParser.parseString(new String(reply, StandardCharsets.UTF_8)).getAsJsonObject();
  }
}
