package io.spillover.local.internal;

import io.spillover.local.FunctionSpec;
import io.spillover.local.LambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The platform's validated settings, handed from the public builder to the internals. */
public record PlatformConfig(int port, List<FunctionSpec> functions, int maxConcurrency,
    int perFunctionConcurrency, Duration idleTimeout, Duration invocationTimeout,
    Duration initTimeout, Path workDir, LambdaRuntime lambdaRuntime, Path javaCommand,
    int maxConnections, Duration connectionIdleTimeout) {

  public long timeoutMillis(FunctionSpec spec) {
    return (spec.timeout() != null ? spec.timeout() : invocationTimeout).toMillis();
  }
}
