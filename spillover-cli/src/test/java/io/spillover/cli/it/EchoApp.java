package io.spillover.cli.it;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.spillover.function.FunctionApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A twin for the shaded-jar check, written against only what the CLI jar carries (core, the Lambda
 * interfaces, Gson): "upper" upper-cases a text and names the worker's pid.
 */
public final class EchoApp {
  private static final FunctionApp APP = FunctionApp.builder()
      .handle("upper", String.class, String.class,
          s -> s.toUpperCase(java.util.Locale.ROOT) + "@" + ProcessHandle.current().pid())
      .build();

  private EchoApp() {}

  /** The Lambda handler. */
  public static final class Handler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context)
        throws IOException {
      out.write(APP.dispatch(in.readAllBytes()));
    }
  }

  /** The OpenWhisk action. */
  public static final class Action {
    private Action() {}

    public static JsonObject main(JsonObject args) {
      byte[] reply = APP.dispatch(args.toString().getBytes(StandardCharsets.UTF_8));
      return JsonParser.parseString(new String(reply, StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }
}
