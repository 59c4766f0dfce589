package io.spillover.spring.boot.internal;

import io.spillover.aws.LambdaProvider;
import io.spillover.function.FunctionProvider;
import io.spillover.spring.boot.FunctionProviderFactory;
import io.spillover.spring.boot.ProvidersProperties;
import io.spillover.spring.boot.SpilloverPropertyException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code spillover.providers.lambda}: a {@link LambdaProvider}. Without a region the AWS SDK's
 * region chain decides; without static credentials, its default credentials chain.
 */
public final class LambdaProviderFactory implements FunctionProviderFactory {
  private static final String PREFIX = "spillover.providers.lambda.";

  @Override
  public FunctionProvider create(ProvidersProperties providers) {
    ProvidersProperties.Lambda p = providers.getLambda();
    LambdaProvider.Builder b = LambdaProvider.builder();
    Properties.apply(PREFIX + "name", () -> b.name(p.getName()));
    String region = p.getRegion() != null ? p.getRegion() : sdkRegion();
    Properties.apply(PREFIX + "region", () -> b.region(region));
    if (p.getEndpointOverride() != null) {
      Properties.apply(PREFIX + "endpoint-override",
          () -> b.endpointOverride(p.getEndpointOverride().toString()));
    }
    b.dryRunCheck(p.isDryRunCheck());
    ProvidersProperties.Credentials c = p.getCredentials();
    if (set(c.getAccessKeyId()) || set(c.getSecretAccessKey())) {
      if (!set(c.getAccessKeyId()) || !set(c.getSecretAccessKey())) {
        throw new SpilloverPropertyException(PREFIX + "credentials",
            "set both access-key-id and secret-access-key, or neither", null);
      }
      AwsCredentials credentials = !set(c.getSessionToken())
          ? AwsBasicCredentials.create(c.getAccessKeyId(), c.getSecretAccessKey())
          : AwsSessionCredentials.create(c.getAccessKeyId(), c.getSecretAccessKey(),
              c.getSessionToken());
      b.credentialsProvider(StaticCredentialsProvider.create(credentials));
    }
    return b.build();
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }

  private static String sdkRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkClientException e) {
      throw new SpilloverPropertyException(PREFIX + "region",
          "no region set and the AWS SDK's region chain found none", e);
    }
  }
}
