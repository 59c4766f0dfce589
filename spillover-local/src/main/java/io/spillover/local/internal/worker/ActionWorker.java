package io.spillover.local.internal.worker;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.concurrent.Executors;

/**
 * An OpenWhisk action container's main, as the Java action runtime's proxy: {@code POST /init}
 * (once) names the action class (the code is on the classpath already), {@code POST /run} calls
 * its {@code public static JsonObject main(JsonObject)} with {@code value}. Listens on a loopback
 * port of its choosing, which it writes to {@code SPILLOVER_PORT_FILE}, and serves only requests
 * that carry {@code Authorization: Bearer <SPILLOVER_ACTION_SECRET>}: any other local process gets
 * 403 (it could otherwise run the action, or initialize the container with another class).
 */
public final class ActionWorker {
  /** The environment variable that holds the secret the platform sends as a bearer token. */
  public static final String SECRET_ENV = "SPILLOVER_ACTION_SECRET";
  static final String SENTINEL = "XXX_THE_END_OF_A_WHISK_ACTIVATION_XXX";
  private final byte[] expectedAuthorization;
  private volatile Method main;

  /** A status and a JSON body for the platform. */
  private record Reply(int status, String body) {}

  private ActionWorker(String secret) {
    this.expectedAuthorization = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws IOException {
    ParentWatch.start();
    System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle adds ~40 ms a call
    int concurrency = Integer.parseInt(System.getenv().getOrDefault(
        "SPILLOVER_ACTION_CONCURRENCY", "1"));
    String secret = System.getenv(SECRET_ENV);
    if (secret == null || secret.isEmpty()) {
      System.err.println(SECRET_ENV + " is not set: the container would serve anyone");
      System.exit(2);
    }
    ActionWorker worker = new ActionWorker(secret);
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(Executors.newFixedThreadPool(concurrency + 1));
    server.createContext("/init", ex -> worker.serve(ex, true));
    server.createContext("/run", ex -> worker.serve(ex, false));
    server.start();
    Path portFile = Path.of(System.getenv("SPILLOVER_PORT_FILE"));
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
    Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
  }

  private void serve(HttpExchange ex, boolean init) throws IOException {
    if (!authorized(ex)) { // another local process: neither /init nor /run, body unread
      ex.getResponseHeaders().set("Connection", "close");
      send(ex, new Reply(403, error("Forbidden")));
      ex.close();
      return;
    }
    Reply reply;
    try (InputStream in = ex.getRequestBody()) {
      JsonObject request = JsonParser.parseString(
          new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
      JsonElement value = request.get("value");
      JsonObject args = value != null && value.isJsonObject() ? value.getAsJsonObject()
          : new JsonObject();
      if (init) {
        reply = init(args);
      } else if (main == null) {
        reply = new Reply(502, error("Cannot invoke an uninitialized action."));
      } else {
        reply = run(args);
      }
    } catch (RuntimeException e) {
      reply = new Reply(502, error("The action input is not a JSON object: " + e.getMessage()));
    }
    send(ex, reply);
  }

  private boolean authorized(HttpExchange ex) {
    String presented = ex.getRequestHeaders().getFirst("Authorization");
    return presented != null && MessageDigest.isEqual(expectedAuthorization,
        presented.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private synchronized Reply init(JsonObject value) {
    if (main != null) {
      return new Reply(403, error("Cannot initialize the action more than once."));
    }
    String entry = value.has("main") ? value.get("main").getAsString() : "";
    String className = entry.contains("#") ? entry.substring(0, entry.indexOf('#')) : entry;
    String method = entry.contains("#") ? entry.substring(entry.indexOf('#') + 1) : "main";
    try {
      Method m = Class.forName(className).getMethod(method, JsonObject.class);
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != JsonObject.class) {
        return new Reply(502, error("An error has occurred while initializing the action: "
            + className + "." + method + " must be public static JsonObject " + method
            + "(JsonObject)"));
      }
      main = m;
      return new Reply(200, "{\"ok\":true}");
    } catch (ReflectiveOperationException | LinkageError e) {
      e.printStackTrace();
      return new Reply(502, error("An error has occurred while initializing the action: " + e));
    }
  }

  private Reply run(JsonObject args) {
    try {
      Object result = main.invoke(null, args);
      if (result == null) {
        return new Reply(502, error("The action returned null"));
      }
      return new Reply(200, result.toString());
    } catch (InvocationTargetException e) {
      e.getCause().printStackTrace();
      return new Reply(502, error("An error has occurred (see logs for details): "
          + e.getCause()));
    } catch (IllegalAccessException e) {
      return new Reply(502, error("An error has occurred (see logs for details): " + e));
    } finally {
      System.out.println(SENTINEL);
      System.err.println(SENTINEL);
    }
  }

  private static String error(String message) {
    JsonObject o = new JsonObject();
    o.addProperty("error", message);
    return o.toString();
  }
}
