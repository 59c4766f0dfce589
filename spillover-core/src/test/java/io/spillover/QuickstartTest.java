package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart, run: a service whose calls wait (here, sleep) spills its excess with
 * the documented limit, a fixed one or an adaptive one with a max. (Without a max, an adaptive
 * limit keeps growing for such a service, whose latency does not rise with concurrency: the
 * README says so.)
 */
class QuickstartTest {
  public record ComposeRequest(String user, String text) {}

  public record ComposeResponse(String post) {}

  /** A service bound by waiting, not by CPU. */
  static final class ComposeService {
    ComposeResponse compose(ComposeRequest r) {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ComposeResponse(r.user() + ": " + r.text());
    }
  }

  @Test
  void theDocumentedFixedLimitSpillsTheExcess() throws Exception {
    assertSpills(SpillwayConfig.custom().limit(Limits.fixed(16)));
  }

  @Test
  void theDocumentedAdaptiveLimitWithAMaxSpillsTheExcess() throws Exception {
    assertSpills(SpillwayConfig.custom().limit(Limits.gradient().initial(8).max(16).build()));
  }

  private static void assertSpills(SpillwayConfig.Builder limit) throws Exception {
    ComposeService service = new ComposeService();
    try (SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(InProcessProvider.create().deploy("twin", FunctionApp.builder()
            .handle("compose-post", ComposeRequest.class, ComposeResponse.class, service::compose)
            .build()))
        .targetCheck(TargetCheckMode.FAIL, Duration.ofSeconds(2))
        .build()) {
      Spillway<ComposeRequest, ComposeResponse> compose = registry.spillway("compose-post",
          limit.latencySlo(Duration.ofMillis(50))
              .function(FunctionRef.of("in-process", "twin")).maxConcurrentSpills(200).build(),
          ComposeRequest.class, ComposeResponse.class);

      int calls = 48;
      ExecutorService callers = Executors.newFixedThreadPool(calls);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ComposeResponse>> replies = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        ComposeRequest request = new ComposeRequest("u" + i, "hello");
        replies.add(callers.submit(() -> {
          go.await();
          return compose.call(request, service::compose);
        }));
      }
      go.countDown();
      for (int i = 0; i < calls; i++) {
        assertThat(replies.get(i).get(30, TimeUnit.SECONDS).post()).isEqualTo("u" + i + ": hello");
      }
      callers.shutdown();
      long local = compose.metrics().calls(Route.LOCAL, Outcome.SUCCESS);
      long spilled = compose.metrics().calls(Route.FUNCTION, Outcome.SUCCESS);
      assertThat(local + spilled).isEqualTo(calls);
      assertThat(spilled).as("calls over the limit ran on the twin").isPositive();
      assertThat(local).isBetween(1L, (long) calls - 1);
    }
  }
}
