package io.spillover.openwhisk;

import io.spillover.function.FunctionApp;

/** The app this module's test "action jar" names in META-INF/services. */
public final class TestAppFactory implements FunctionAppFactory {
  record Post(String text) {}

  record Posted(int length) {}

  @Override
  public FunctionApp create() {
    return FunctionApp.builder()
        .handle("compose-post", Post.class, Posted.class, p -> {
          if (p.text().equals("fail")) {
            throw new IllegalStateException("refused");
          }
          return new Posted(p.text().length());
        })
        .build();
  }
}
