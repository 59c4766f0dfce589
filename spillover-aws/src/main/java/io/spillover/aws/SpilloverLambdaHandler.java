package io.spillover.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.spillover.function.FunctionApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Lambda side of a function twin: the invocation payload (a request envelope) goes into
 * {@link FunctionApp#dispatch} and the reply envelope is the function's result. Malformed input
 * gets an error envelope, never an exception. Subclass it with a no-argument constructor and name
 * the subclass as the handler ({@code com.example.Handler::handleRequest}):
 *
 * <pre>{@code
 * public final class Handler extends SpilloverLambdaHandler {
 *   public Handler() { super(App::create); }   // built on the first request
 * }
 * }</pre>
 *
 * <p><b>SnapStart.</b> With the {@link Supplier} constructor the app is built on the first
 * request, after the snapshot is restored, so keys, nonces and random seeds it makes (sealed
 * calls, attestation) are unique per execution environment. The {@link FunctionApp} constructor
 * builds the app during init, which a snapshot would capture: use it only for apps that hold no
 * such state. If the supplier throws, the invocation fails (Lambda reports a function error) and
 * the next one tries again.
 */
public class SpilloverLambdaHandler implements RequestStreamHandler {
  private final Supplier<FunctionApp> factory;
  private volatile FunctionApp app;

  /** Serves an app built now (during the function's init phase). */
  public SpilloverLambdaHandler(FunctionApp app) {
    this.app = Objects.requireNonNull(app, "app");
    this.factory = () -> app;
  }

  /** Serves the app {@code factory} builds on the first request (SnapStart-safe). */
  public SpilloverLambdaHandler(Supplier<FunctionApp> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] reply = app().dispatch(input.readAllBytes());
    output.write(reply);
    output.flush();
  }

  private FunctionApp app() {
    FunctionApp a = app;
    if (a == null) {
      synchronized (this) {
        a = app;
        if (a == null) {
          a = Objects.requireNonNull(factory.get(), "the FunctionApp supplier returned null");
          app = a;
        }
      }
    }
    return a;
  }
}
