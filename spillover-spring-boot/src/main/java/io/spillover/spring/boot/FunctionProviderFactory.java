package io.spillover.spring.boot;

import io.spillover.function.FunctionProvider;

/**
 * Makes a {@link FunctionProvider} from the {@code spillover.providers.*} properties. This is how
 * a platform module plugs into the auto-configuration: its own auto-configuration (guarded by
 * {@code @ConditionalOnClass} on its provider class and by {@code spillover.providers.<p>.enabled})
 * declares a factory bean, and the registry bean calls every factory once.
 *
 * <p>The registry owns what a factory makes and closes it on shutdown. By contrast, a
 * {@code FunctionProvider} declared directly as a bean is registered too but stays owned by the
 * application context, which closes it.
 */
@FunctionalInterface
public interface FunctionProviderFactory {

  /**
   * The provider, registered under its {@link FunctionProvider#name()}.
   *
   * @param providers the bound {@code spillover.providers.*} properties
   * @throws IllegalArgumentException when the properties do not describe a usable provider
   */
  FunctionProvider create(ProvidersProperties providers);
}
