package io.spillover.openwhisk;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.spillover.function.FunctionApp;
import io.spillover.openwhisk.internal.ActivationReplies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The OpenWhisk side of a function twin, for the Java action contract
 * {@code public static JsonObject main(JsonObject)}. The action's parameters are a request
 * envelope; it goes into {@link FunctionApp#dispatch}, and the result is
 * {@code {"envelope": <reply envelope>}} (the wrapper keeps OpenWhisk from reducing an error
 * envelope to its {@code error} field). Malformed parameters get an error envelope.
 *
 * <p>Two ways to supply the app:
 * <ul>
 *   <li>{@code --main io.spillover.openwhisk.SpilloverAction}, with one {@link FunctionAppFactory}
 *       named in {@code META-INF/services/io.spillover.openwhisk.FunctionAppFactory};</li>
 *   <li>your own main class: {@code static final SpilloverAction ACTION =
 *       SpilloverAction.of(App::create);} and {@code main(args)} returning {@code ACTION.run(args)}.</li>
 * </ul>
 * Either way the app is built on the first activation. If it cannot be built, the result is
 * {@code {"error": ...}} (an OpenWhisk application error) and the next activation tries again.
 *
 * <p>As a web action ({@code --web raw} or {@code --web true}) it reads the envelope from
 * {@code __ow_body} (JSON text, or base64 when the body was binary) or from the parameters, and
 * answers {@code 200} with the bare reply envelope as a JSON body, so an
 * {@code HttpFunctionProvider} can call it at its web URL.
 */
public final class SpilloverAction {
  private static final SpilloverAction DEFAULT = new SpilloverAction(SpilloverAction::loadFactory);

  private final Supplier<FunctionApp> factory;
  private volatile FunctionApp app;

  private SpilloverAction(Supplier<FunctionApp> factory) {
    this.factory = factory;
  }

  /** The action entry point, serving the app of the jar's {@link FunctionAppFactory}. */
  public static JsonObject main(JsonObject args) {
    return DEFAULT.run(args);
  }

  /** An action serving the app {@code factory} builds on the first activation. */
  public static SpilloverAction of(Supplier<FunctionApp> factory) {
    return new SpilloverAction(Objects.requireNonNull(factory, "factory"));
  }

  /** Runs one activation. Never throws. */
  public JsonObject run(JsonObject args) {
    FunctionApp a;
    try {
      a = app();
    } catch (RuntimeException e) {
      JsonObject error = new JsonObject();
      error.addProperty("error", "cannot build the FunctionApp: " + e);
      return error;
    }
    boolean web = args != null && args.has("__ow_method");
    byte[] reply = a.dispatch(requestBytes(args));
    JsonElement envelope = JsonParser.parseString(new String(reply, StandardCharsets.UTF_8));
    JsonObject result = new JsonObject();
    if (web) {
      JsonObject headers = new JsonObject();
      headers.addProperty("Content-Type", "application/json");
      result.addProperty("statusCode", 200);
      result.add("headers", headers);
      result.add("body", envelope);
    } else {
      result.add(ActivationReplies.ENVELOPE_FIELD, envelope);
    }
    return result;
  }

  private static byte[] requestBytes(JsonObject args) {
    if (args == null) {
      return new byte[0];
    }
    JsonElement body = args.get("__ow_body");
    if (body instanceof JsonPrimitive && ((JsonPrimitive) body).isString()) {
      String text = body.getAsString();
      if (text.trim().startsWith("{")) {
        return text.getBytes(StandardCharsets.UTF_8);
      }
      try {
        return Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return text.getBytes(StandardCharsets.UTF_8); // the envelope decoder reports it malformed
      }
    }
    JsonObject params = new JsonObject();
    for (Map.Entry<String, JsonElement> e : args.entrySet()) {
      if (!e.getKey().startsWith("__ow_")) {
        params.add(e.getKey(), e.getValue());
      }
    }
    return params.toString().getBytes(StandardCharsets.UTF_8);
  }

  private FunctionApp app() {
    FunctionApp a = app;
    if (a == null) {
      synchronized (this) {
        a = app;
        if (a == null) {
          a = Objects.requireNonNull(factory.get(), "the FunctionApp factory returned null");
          app = a;
        }
      }
    }
    return a;
  }

  private static FunctionApp loadFactory() {
    List<FunctionAppFactory> found = new ArrayList<>();
    ServiceLoader.load(FunctionAppFactory.class, SpilloverAction.class.getClassLoader())
        .forEach(found::add);
    if (found.size() != 1) {
      List<String> names = new ArrayList<>();
      found.forEach(f -> names.add(f.getClass().getName()));
      throw new IllegalStateException("expected one " + FunctionAppFactory.class.getName()
          + " in META-INF/services, found " + names);
    }
    return found.get(0).create();
  }
}
