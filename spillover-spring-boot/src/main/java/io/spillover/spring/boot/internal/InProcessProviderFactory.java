package io.spillover.spring.boot.internal;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionProvider;
import io.spillover.function.InProcessProvider;
import io.spillover.spring.boot.FunctionProviderFactory;
import io.spillover.spring.boot.ProvidersProperties;
import io.spillover.spring.boot.SpilloverPropertyException;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * {@code spillover.providers.in-process}: the function twins run in this JVM, each
 * {@link FunctionApp} bean deployed under its bean name. The envelope still goes through the
 * codec, so a twin that works here works on a real platform.
 */
public final class InProcessProviderFactory implements FunctionProviderFactory {
  private final ListableBeanFactory beans;

  public InProcessProviderFactory(ListableBeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public FunctionProvider create(ProvidersProperties providers) {
    Map<String, FunctionApp> apps = beans.getBeansOfType(FunctionApp.class);
    if (apps.isEmpty()) {
      throw new SpilloverPropertyException("spillover.providers.in-process.enabled",
          "the in-process provider is enabled but there is no FunctionApp bean to deploy", null);
    }
    InProcessProvider provider = InProcessProvider.named(providers.getInProcess().getName());
    apps.forEach(provider::deploy);
    return provider;
  }
}
