package io.spillover.spring.boot.app;

import io.spillover.function.FunctionApp;

/** The function twin's app: plain Java, no Spring, so it starts fast on a FaaS platform. */
public final class SocialFunctions {
  private SocialFunctions() {}

  public static FunctionApp create() {
    ComposeService compose = new ComposeService("function");
    return FunctionApp.builder()
        .handle("compose-post", ComposeRequest.class, ComposePost.class, compose::compose)
        .build();
  }
}
