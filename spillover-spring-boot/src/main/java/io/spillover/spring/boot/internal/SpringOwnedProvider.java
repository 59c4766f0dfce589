package io.spillover.spring.boot.internal;

import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;

/**
 * A {@link FunctionProvider} bean as the registry sees it: the registry closes the providers it
 * was given, but a bean belongs to the application context, which closes it itself.
 */
final class SpringOwnedProvider implements FunctionProvider {
  private final FunctionProvider bean;

  SpringOwnedProvider(FunctionProvider bean) {
    this.bean = bean;
  }

  @Override
  public String name() {
    return bean.name();
  }

  @Override
  public FunctionInvoker invoker(FunctionRef ref) {
    return bean.invoker(ref);
  }

  @Override
  public String toString() {
    return bean.toString();
  }

  @Override
  public void close() {
    // the application context closes the bean
  }
}
