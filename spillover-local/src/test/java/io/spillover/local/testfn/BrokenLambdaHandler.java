package io.spillover.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** A handler whose constructor fails: an init error. */
public final class BrokenLambdaHandler implements RequestStreamHandler {
  public BrokenLambdaHandler() {
    throw new IllegalStateException("cannot initialize on purpose");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    throw new AssertionError("never constructed");
  }
}
