package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpillRejectedException;
import io.spillover.function.FunctionApp;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code @Spillover(fallbackMethod)} and replies with type arguments. */
class FallbackAndGenericReplyTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class))
      .withPropertyValues("spillover.tick-interval=0s");

  @AfterEach
  void close() {
    release.countDown();
    pool.shutdownNow();
  }

  public record Post(String user, String text) {}

  /** One local permit, no wait: a second call at once is rejected, or spills when it can. */
  @Configuration(proxyBeanMethods = false)
  static class OnePermit {
    @Bean
    SpillwayConfigCustomizer onePermit() {
      return SpillwayConfigCustomizer.of("default", b -> b.limit(Limits.fixed(1))
          .maxWait(Duration.ZERO));
    }
  }

  static class Posts {
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** The next local calls wait for {@code gate}; returns the latch the first one opens. */
    public CountDownLatch arm(CountDownLatch gate) {
      this.entered = new CountDownLatch(1);
      this.gate = gate;
      return entered;
    }

    @Spillover(value = "timeline", fallbackMethod = "cached")
    public List<Post> timeline(String user) {
      entered.countDown();
      await(gate);
      if (user.equals("broken")) {
        throw new IllegalStateException("store down");
      }
      return List.of(new Post(user, "local"));
    }

    List<Post> cached(String user, SpillRejectedException e) {
      return List.of(new Post(user, "cached after " + e.reason()));
    }

    List<Post> cached(String user, RuntimeException e) {
      return List.of(new Post(user, "degraded: " + e.getMessage()));
    }

    @Spillover(value = "later", fallbackMethod = "laterFallback")
    public CompletionStage<String> later(String s) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("bad " + s));
    }

    CompletionStage<String> laterFallback(String s, IllegalArgumentException e) {
      return CompletableFuture.completedFuture("fallback: " + e.getMessage());
    }

    @Spillover(value = "strict", fallbackMethod = "onlyRejections")
    public String strict(String s) {
      throw new IllegalStateException("own failure");
    }

    String onlyRejections(String s, SpillRejectedException e) {
      return "rejected";
    }

    @Spillover(value = "index")
    public Map<String, List<Post>> index(String user) {
      entered.countDown();
      await(gate);
      return Map.of();
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void holdThePermit(Posts posts, Runnable call) throws InterruptedException {
    CountDownLatch entered = posts.arm(release); // through the proxy, onto the bean itself
    pool.submit(call);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aRejectedCallGoesToTheFallbackForItsExceptionAndOwnFailuresToTheWiderOne() {
    runner.withUserConfiguration(OnePermit.class).withBean(Posts.class).run(context -> {
      Posts posts = context.getBean(Posts.class);
      assertThat(posts.timeline("ann")).containsExactly(new Post("ann", "local"));
      assertThat(posts.timeline("broken")).containsExactly(new Post("broken",
          "degraded: store down"));
      holdThePermit(posts, () -> posts.timeline("held"));
      assertThat(posts.timeline("bob")).containsExactly(new Post("bob",
          "cached after NO_FUNCTION"));
    });
  }

  @Test
  void anAsyncMethodsFallbackAnswersTheFailedStage() {
    runner.withBean(Posts.class).run(context -> assertThat(context.getBean(Posts.class)
        .later("x").toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isEqualTo("fallback: bad x"));
  }

  @Test
  void aFailureNoFallbackDeclaresReachesTheCaller() {
    runner.withBean(Posts.class).run(context ->
        assertThatThrownBy(() -> context.getBean(Posts.class).strict("x"))
            .isInstanceOf(IllegalStateException.class).hasMessage("own failure"));
  }

  static class Missing {
    @Spillover(value = "m", fallbackMethod = "nowhere")
    public String m(String s) {
      return s;
    }
  }

  static class WrongParameters {
    @Spillover(value = "w", fallbackMethod = "fb")
    public String w(String s) {
      return s;
    }

    String fb(Integer s, RuntimeException e) {
      return "";
    }
  }

  static class WrongReturn {
    @Spillover(value = "r", fallbackMethod = "fb")
    public String r(String s) {
      return s;
    }

    Integer fb(String s, RuntimeException e) {
      return 0;
    }
  }

  @Test
  void aFallbackThatDoesNotFitFailsStartupNamingTheExpectedSignature() {
    runner.withBean(Missing.class).run(context -> assertThat(context.getStartupFailure())
        .rootCause().hasMessageContaining("@Spillover(\"m\")").hasMessageContaining(
            "names fallbackMethod \"nowhere\" but").hasMessageContaining(
            "has no method String nowhere(String, <exception type>)"));
    runner.withBean(WrongParameters.class).run(context -> assertThat(
        context.getStartupFailure()).rootCause().hasMessageContaining(
        "parameters must be (String, an exception type)"));
    runner.withBean(WrongReturn.class).run(context -> assertThat(context.getStartupFailure())
        .rootCause().hasMessageContaining("must return String"));
  }

  /** The twin of "timeline" and "index", in this JVM. */
  @Configuration(proxyBeanMethods = false)
  static class Twin {
    @Bean
    FunctionApp social() {
      return FunctionApp.builder()
          .handle("timeline", String.class, List.class, u -> List.of(new Post(u, "twin")))
          .handle("index", String.class, Map.class,
              u -> Map.of(u, List.of(new Post(u, "twin"))))
          .build();
    }
  }

  @Test
  void aGenericReplySpillsAndDecodesToTheMethodsFullType() {
    runner.withUserConfiguration(OnePermit.class, Twin.class).withBean(Posts.class)
        .withPropertyValues("spillover.providers.in-process.enabled=true",
            "spillover.startup-check.targets=fail",
            "spillover.spillways.timeline.function.provider=in-process",
            "spillover.spillways.timeline.function.target=social",
            "spillover.spillways.index.function.provider=in-process",
            "spillover.spillways.index.function.target=social")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Posts posts = context.getBean(Posts.class);
          holdThePermit(posts, () -> posts.timeline("held"));
          List<Post> spilled = posts.timeline("cy");
          assertThat(spilled).containsExactly(new Post("cy", "twin"));
          assertThat(spilled.get(0)).isInstanceOf(Post.class);

          holdThePermit(posts, () -> posts.index("held"));
          Map<String, List<Post>> index = posts.index("dee");
          assertThat(index).containsOnlyKeys("dee");
          assertThat(index.get("dee")).containsExactly(new Post("dee", "twin"));
        });
  }

  @Test
  void twoMethodsCannotGiveOneSpillwayDifferentTypeArguments() {
    runner.withBean(Posts.class).withBean(OtherTimeline.class).run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
            "spillway 'timeline' exists for"));
  }

  static class OtherTimeline {
    @Spillover("timeline")
    public List<String> timeline(String user) {
      return List.of();
    }
  }
}
