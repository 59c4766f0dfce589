package io.spillover.local.internal.worker;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A Lambda worker's main when the Runtime Interface Client cannot run here: the same Runtime API
 * loop (next, response or error, init/error) around a {@link RequestStreamHandler}, with the same
 * error bodies and error-type headers as the client.
 */
public final class BuiltinLambdaWorker {
  private final String base;
  private final RequestStreamHandler handler;

  private BuiltinLambdaWorker(String base, RequestStreamHandler handler) {
    this.base = base;
    this.handler = handler;
  }

  public static void main(String[] args) throws IOException {
    ParentWatch.start();
    String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/";
    String spec = args.length > 0 ? args[0] : System.getenv("_HANDLER");
    String className = spec.split("::")[0];
    RequestStreamHandler handler;
    try {
      Object o = Class.forName(className).getDeclaredConstructor().newInstance();
      if (!(o instanceof RequestStreamHandler)) {
        throw new IllegalArgumentException("Class " + className + " does not implement"
            + " RequestStreamHandler (the builtin runtime hosts stream handlers only)");
      }
      handler = (RequestStreamHandler) o;
    } catch (Throwable t) {
      Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
      cause.printStackTrace();
      post(base + "init/error", "Runtime.BadFunctionCode", errorJson(cause, false));
      System.exit(1);
      return;
    }
    System.out.println("spillover builtin Lambda runtime: " + className);
    new BuiltinLambdaWorker(base, handler).loop();
  }

  private void loop() throws IOException {
    while (true) {
      HttpURLConnection c = (HttpURLConnection) new URL(base + "invocation/next").openConnection();
      c.setReadTimeout(0);
      if (c.getResponseCode() != 200) {
        throw new IOException("Runtime API next answered " + c.getResponseCode());
      }
      String id = c.getHeaderField("Lambda-Runtime-Aws-Request-Id");
      long deadline = Long.parseLong(c.getHeaderField("Lambda-Runtime-Deadline-Ms"));
      WorkerContext context = new WorkerContext(id, deadline,
          c.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
          c.getHeaderField("Lambda-Runtime-Trace-Id"));
      byte[] event;
      try (InputStream in = c.getInputStream()) {
        event = in.readAllBytes();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
      } catch (Throwable t) {
        t.printStackTrace();
        post(base + "invocation/" + id + "/error", "Runtime.UserException", errorJson(t, true));
        if (t instanceof VirtualMachineError) {
          System.exit(1); // as the client does: the JVM is not trustworthy any more
        }
        continue;
      }
      post(base + "invocation/" + id + "/response", null, out.toByteArray());
    }
  }

  private static void post(String url, String errorType, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(body.length);
    c.setRequestProperty("Content-Type", "application/json");
    if (errorType != null) {
      c.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
    }
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    // read the reply without getInputStream(): its exception for a 4xx/5xx names the URL, which
    // holds the Runtime API secret, and it would end up in the instance's log
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    if (status >= 400) {
      throw new IOException("the Runtime API answered " + status);
    }
  }

  /** The error body the Runtime Interface Client posts: message, type and (for invokes) trace. */
  static byte[] errorJson(Throwable t, boolean withTrace) {
    String message = t.getLocalizedMessage() == null ? t.getClass().getName()
        : t.getLocalizedMessage();
    StringBuilder sb = new StringBuilder("{\"errorMessage\":").append(quote(message))
        .append(",\"errorType\":").append(quote(t.getClass().getName()));
    if (withTrace) {
      sb.append(",\"stackTrace\":[");
      StackTraceElement[] trace = t.getStackTrace();
      for (int i = 0; i < trace.length; i++) {
        sb.append(i == 0 ? "" : ",").append(quote(trace[i].toString()));
      }
      sb.append(']');
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
