package io.spillover.spring.boot.internal;

import io.spillover.function.FunctionProvider;
import io.spillover.openwhisk.OpenWhiskProvider;
import io.spillover.spring.boot.FunctionProviderFactory;
import io.spillover.spring.boot.ProvidersProperties;
import io.spillover.spring.boot.SpilloverPropertyException;

/** {@code spillover.providers.openwhisk}: an {@link OpenWhiskProvider}. */
public final class OpenWhiskProviderFactory implements FunctionProviderFactory {
  private static final String PREFIX = "spillover.providers.openwhisk.";

  @Override
  public FunctionProvider create(ProvidersProperties providers) {
    ProvidersProperties.OpenWhisk p = providers.getOpenwhisk();
    if (p.getApiHost() == null) {
      throw new SpilloverPropertyException(PREFIX + "api-host", "the API host is required", null);
    }
    if (p.getApiKey() == null) {
      throw new SpilloverPropertyException(PREFIX + "api-key",
          "the API key (uuid:key) is required", null);
    }
    OpenWhiskProvider.Builder b = OpenWhiskProvider.builder();
    Properties.apply(PREFIX + "name", () -> b.name(p.getName()));
    Properties.apply(PREFIX + "api-host", () -> b.apiHost(p.getApiHost().toString()));
    Properties.apply(PREFIX + "api-key", () -> b.apiKey(p.getApiKey()));
    Properties.apply(PREFIX + "namespace", () -> b.namespace(p.getNamespace()));
    return b.build();
  }
}
