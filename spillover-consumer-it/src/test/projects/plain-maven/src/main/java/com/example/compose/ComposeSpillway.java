package com.example.compose;

// the README's quickstart, imports and all
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import java.time.Duration;

/** The quickstart of Spillover's README, with a fixed limit so that a test can fill it. */
public final class ComposeSpillway {
  public static Spillway<ComposeRequest, ComposeResponse> create(ComposeService service,
      ComposeService twin, int localLimit) {
    SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(InProcessProvider.create().deploy("twin", FunctionApp.builder()
            .handle("compose-post", ComposeRequest.class, ComposeResponse.class, twin::compose)
            .build()))
        .build();
    return registry.spillway("compose-post",
        SpillwayConfig.custom().limit(Limits.fixed(localLimit)).latencySlo(Duration.ofMillis(50))
            .function(FunctionRef.of("in-process", "twin")).maxConcurrentSpills(200).build(),
        ComposeRequest.class, ComposeResponse.class);
  }

  private ComposeSpillway() {}
}
