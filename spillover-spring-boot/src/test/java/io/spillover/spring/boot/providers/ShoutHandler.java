package io.spillover.spring.boot.providers;

import io.spillover.aws.SpilloverLambdaHandler;
import io.spillover.function.FunctionApp;

/** A Lambda twin for the spill test: the "shout" service upper-cases its text. */
public final class ShoutHandler extends SpilloverLambdaHandler {
  public ShoutHandler() {
    super(() -> FunctionApp.builder()
        .handle("shout", String.class, String.class,
            s -> s.toUpperCase(java.util.Locale.ROOT) + " from " + ProcessHandle.current().pid())
        .build());
  }
}
