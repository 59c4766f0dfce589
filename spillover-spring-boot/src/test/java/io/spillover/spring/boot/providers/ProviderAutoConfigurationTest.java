package io.spillover.spring.boot.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionProvider;
import io.spillover.http.HttpFunctionProvider;
import io.spillover.openwhisk.OpenWhiskProvider;
import io.spillover.spring.boot.FunctionProviderFactory;
import io.spillover.spring.boot.SpilloverAutoConfiguration;
import io.spillover.spring.boot.SpilloverProperties;
import io.spillover.spring.boot.SpilloverPropertyException;
import io.spillover.spring.boot.SpilloverProvidersAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Lambda, OpenWhisk and HTTP provider factories: enabled, disabled, module absent, bad input. */
class ProviderAutoConfigurationTest {
  private static final String[] LAMBDA = {"spillover.providers.lambda.enabled=true",
      "spillover.providers.lambda.region=us-east-1",
      "spillover.providers.lambda.endpoint-override=http://127.0.0.1:9",
      "spillover.providers.lambda.credentials.access-key-id=AKIDTEST",
      "spillover.providers.lambda.credentials.secret-access-key=secret"};
  private static final String[] OPENWHISK = {"spillover.providers.openwhisk.enabled=true",
      "spillover.providers.openwhisk.api-host=http://127.0.0.1:9",
      "spillover.providers.openwhisk.api-key=uuid:key"};
  private static final String[] HTTP = {"spillover.providers.http.enabled=true",
      "spillover.providers.http.headers.X-Api-Key=k", "spillover.providers.http.connect-timeout=2s"};

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
          SpilloverProvidersAutoConfiguration.class))
      // these tests read configs without creating their spillways
      .withPropertyValues("spillover.startup-check.properties=off");

  @Test
  void lambdaEnabledMakesALambdaProviderThatSpillwaysCanName() {
    runner.withPropertyValues(LAMBDA)
        .withPropertyValues("spillover.spillways.shout.function.provider=lambda",
            "spillover.spillways.shout.function.target=twin")
        .run(context -> assertProvider(context, "lambdaFunctionProviderFactory",
            LambdaProvider.class, "lambda"));
  }

  @Test
  void lambdaUnderAnotherNameAndWithASessionToken() {
    runner.withPropertyValues(LAMBDA).withPropertyValues("spillover.providers.lambda.name=aws",
            "spillover.providers.lambda.credentials.session-token=token",
            "spillover.spillways.shout.function.provider=aws",
            "spillover.spillways.shout.function.target=twin")
        .run(context -> assertProvider(context, "lambdaFunctionProviderFactory",
            LambdaProvider.class, "aws"));
  }

  @Test
  void openWhiskEnabledMakesAnOpenWhiskProvider() {
    runner.withPropertyValues(OPENWHISK)
        .withPropertyValues("spillover.spillways.shout.function.provider=openwhisk",
            "spillover.spillways.shout.function.target=social/shout")
        .run(context -> assertProvider(context, "openWhiskFunctionProviderFactory",
            OpenWhiskProvider.class, "openwhisk"));
  }

  @Test
  void httpEnabledMakesAnHttpProviderThatOwnsItsClient() {
    runner.withPropertyValues(HTTP)
        .withPropertyValues("spillover.spillways.shout.function.provider=http",
            "spillover.spillways.shout.function.target=http://127.0.0.1:9/shout")
        .run(context -> {
          assertThat(context).hasNotFailed().hasBean("httpFunctionProviderFactory");
          try (FunctionProvider p = create(context, "httpFunctionProviderFactory")) {
            assertThat(p.name()).isEqualTo("http");
          }
        });
    runner.withPropertyValues("spillover.providers.http.enabled=true").run(context -> {
      try (FunctionProvider p = create(context, "httpFunctionProviderFactory")) {
        assertThat(p).isInstanceOf(HttpFunctionProvider.class);
      }
    });
  }

  @Test
  void noFactoryUnlessEnabled() {
    runner.withPropertyValues("spillover.providers.lambda.region=us-east-1").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean("lambdaFunctionProviderFactory")
            .doesNotHaveBean("openWhiskFunctionProviderFactory")
            .doesNotHaveBean("httpFunctionProviderFactory"));
  }

  @Test
  void anEnabledPlatformWhoseModuleIsAbsentFailsStartup() {
    assertAbsent(LambdaProvider.class, LAMBDA, "lambda", "lambdaFunctionProviderFactory");
    assertAbsent(OpenWhiskProvider.class, OPENWHISK, "openwhisk",
        "openWhiskFunctionProviderFactory");
    assertAbsent(HttpFunctionProvider.class, HTTP, "http", "httpFunctionProviderFactory");
  }

  @Test
  void refusedValuesNameTheirProperty() {
    assertRefused("spillover.providers.lambda.region", LAMBDA,
        "spillover.providers.lambda.region=moon-1");
    assertRefused("spillover.providers.lambda.credentials", LAMBDA,
        "spillover.providers.lambda.credentials.secret-access-key=");
    assertRefused("spillover.providers.openwhisk.api-key", OPENWHISK,
        "spillover.providers.openwhisk.api-key=");
    assertRefused("spillover.providers.openwhisk.api-host", OPENWHISK,
        "spillover.providers.openwhisk.api-host=");
  }

  private void assertAbsent(Class<?> hidden, String[] enabled, String platform, String bean) {
    ApplicationContextRunner withoutModule =
        runner.withClassLoader(new FilteredClassLoader(hidden));
    withoutModule.run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(bean));
    withoutModule.withPropertyValues(enabled).run(context ->
        assertThat(refusal(context).property())
            .isEqualTo("spillover.providers." + platform + ".enabled"));
  }

  private void assertRefused(String property, String[] base, String bad) {
    runner.withPropertyValues(base).withPropertyValues(bad).run(context ->
        assertThat(refusal(context).property()).isEqualTo(property));
  }

  /** The Spillover refusal that failed the context's startup. */
  private static SpilloverPropertyException refusal(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      if (t instanceof SpilloverPropertyException e) {
        return e;
      }
    }
    throw new AssertionError("startup failed without a SpilloverPropertyException",
        context.getStartupFailure());
  }

  private static void assertProvider(AssertableApplicationContext context, String bean,
      Class<?> type, String name) {
    assertThat(context).hasNotFailed().hasBean(bean);
    try (FunctionProvider p = create(context, bean)) {
      assertThat(p).isInstanceOf(type);
      assertThat(p.name()).isEqualTo(name);
    }
  }

  private static FunctionProvider create(AssertableApplicationContext context, String bean) {
    return context.getBean(bean, FunctionProviderFactory.class)
        .create(context.getBean(SpilloverProperties.class).getProviders());
  }

}
