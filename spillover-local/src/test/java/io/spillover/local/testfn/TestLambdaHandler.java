package io.spillover.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.spillover.function.FunctionApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A Lambda stream handler around the test {@link FunctionApp}; the event "raise" throws. */
public final class TestLambdaHandler implements RequestStreamHandler {
  private final FunctionApp app = TestApp.create();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = input.readAllBytes();
    if (new String(event, StandardCharsets.UTF_8).equals("\"raise\"")) {
      throw new IllegalStateException("raised on purpose in " + context.getFunctionName());
    }
    output.write(app.dispatch(event));
  }
}
