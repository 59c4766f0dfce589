package io.spillover.local.e2e;

import io.spillover.function.FunctionApp;
import io.spillover.openwhisk.FunctionAppFactory;

/** The digest twin for {@code io.spillover.openwhisk.SpilloverAction}, found by ServiceLoader. */
public final class DigestAppFactory implements FunctionAppFactory {
  @Override
  public FunctionApp create() {
    return DigestApp.create();
  }
}
