package io.spillover.local;

import static io.spillover.local.Fixtures.echo;
import static io.spillover.local.Fixtures.invokeLambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builtin runtime loop, chosen or fallen back to, behaves as the Runtime Interface Client. */
class BuiltinRuntimeTest {
  private static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  @TempDir Path work;
  LocalPlatform platform;

  @AfterEach
  void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @Test
  void builtinRuntimeServesColdWarmAndUnhandledErrors() throws Exception {
    platform = LocalPlatform.builder().functions(Fixtures.lambda("b").build())
        .lambdaRuntime(LambdaRuntime.BUILTIN).workDir(work).build().start();

    Fixtures.Reply first = invokeLambda(platform, "b", echo("one"));
    Fixtures.Reply second = invokeLambda(platform, "b", echo("two"));
    Fixtures.Reply raised = invokeLambda(platform, "b",
        "\"raise\"".getBytes(StandardCharsets.UTF_8));

    assertThat(first.json().get("cold").asBoolean()).isTrue();
    assertThat(second.json().get("cold").asBoolean()).isFalse();
    assertThat(raised.headers().get("X-Amz-Function-Error")).isEqualTo("Unhandled");
    assertThat(raised.json().get("errorType").asString())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(raised.json().get("errorMessage").asString()).isEqualTo("raised on purpose in b");
    assertThat(raised.json().get("stackTrace").isArray()).isTrue();
    assertThat(platform.stats().lambdaRuntime()).isEqualTo("builtin");
  }

  @Test
  void autoFallsBackToBuiltinWhenTheNativeLibraryCannotLoad() throws Exception {
    Path bogus = work.resolve("not-a-library.so");
    java.nio.file.Files.writeString(bogus, "not an ELF file");
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("f").jvmOption("-D" + JNI_PROPERTY + "=" + bogus).build())
        .lambdaRuntime(LambdaRuntime.AUTO).workDir(work).build().start();

    Fixtures.Reply r = invokeLambda(platform, "f", echo("fallback"));

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.json().get("body").get("text").asString()).isEqualTo("fallback");
    assertThat(r.json().get("cold").asBoolean()).isTrue();
    assertThat(platform.stats().lambdaRuntime()).isEqualTo("builtin");
  }
}
