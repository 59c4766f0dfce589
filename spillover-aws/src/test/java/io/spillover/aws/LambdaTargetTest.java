package io.spillover.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.function.FunctionRef;
import org.junit.jupiter.api.Test;

/** Targets and builder options are checked when they are given, with a clear message. */
class LambdaTargetTest {

  @Test
  void targetsAreFunctionNamesAliasesVersionsOrArns() {
    try (LambdaProvider p = LambdaProvider.builder().region("eu-west-1")
        .credentials("AKIDEXAMPLE", "secret").build()) {
      assertThat(url(p, "fn")).isEqualTo(
          "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/fn/invocations");
      assertThat(url(p, "fn:$LATEST")).endsWith("/functions/fn/invocations?Qualifier=%24LATEST");
      assertThat(url(p, "fn:7")).endsWith("?Qualifier=7");
      assertThat(url(p, "123456789012:function:fn")).contains("/123456789012%3Afunction%3Afn/");
      for (String bad : new String[] {"fn:", "f n", "fn:a:b", "a".repeat(65),
          "arn:aws:lambda:eu-west-1:12:function:fn"}) {
        assertThatThrownBy(() -> p.invoker(FunctionRef.of("lambda", bad))).as(bad)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThatThrownBy(() -> p.invoker(FunctionRef.of("openwhisk", "fn")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void chinaRegionsUseTheirOwnDomain() {
    try (LambdaProvider p = LambdaProvider.builder().region("cn-north-1")
        .credentials("AKIDEXAMPLE", "secret").build()) {
      assertThat(url(p, "fn")).startsWith("https://lambda.cn-north-1.amazonaws.com.cn/");
    }
  }

  @Test
  void optionsAreValidatedEagerly() {
    assertThatThrownBy(() -> LambdaProvider.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("region");
    assertThatThrownBy(() -> LambdaProvider.builder().region("Europe"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LambdaProvider.builder().endpointOverride("localhost:9000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LambdaProvider.builder().maxRequestBytes(6 * 1024 * 1024 + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LambdaProvider.builder().credentialsProvider(null))
        .isInstanceOf(NullPointerException.class);
  }

  private static String url(LambdaProvider p, String target) {
    return ((io.spillover.aws.internal.LambdaInvoker) p.invoker(FunctionRef.of("lambda", target)))
        .url().toString();
  }
}
