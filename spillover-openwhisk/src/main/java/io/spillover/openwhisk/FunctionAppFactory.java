package io.spillover.openwhisk;

import io.spillover.function.FunctionApp;

/**
 * Builds the {@link FunctionApp} that {@link SpilloverAction#main} serves. The action jar names one
 * implementation (with a public no-argument constructor) in
 * {@code META-INF/services/io.spillover.openwhisk.FunctionAppFactory}; it is called once, on the
 * first activation of a container.
 */
public interface FunctionAppFactory {
  FunctionApp create();
}
