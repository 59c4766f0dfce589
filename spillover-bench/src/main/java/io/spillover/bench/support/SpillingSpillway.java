package io.spillover.bench.support;

import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A spillway whose every call spills: its limit is one permit, and a parked call holds that permit
 * until {@link #close}. What remains of a call is the spill path alone.
 */
public final class SpillingSpillway implements AutoCloseable {
  private final SpilloverRegistry registry;
  private final Spillway<Post, Post> spillway;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Thread holder;

  public SpillingSpillway(FunctionProvider provider, String url, String service, Codec codec)
      throws InterruptedException {
    this(SpilloverRegistry.builder().codec(codec).tickInterval(Duration.ZERO)
        .provider(provider).build(), service, SpillwayConfig.custom()
        .function(FunctionRef.of(provider.name(), url))
        .timeout(Duration.ofSeconds(1))
        .maxConcurrentSpills(64)
        .build());
  }

  /** {@code config}'s spillway on {@code registry} (closed with this), its limit one held permit. */
  public SpillingSpillway(SpilloverRegistry registry, String service, SpillwayConfig config)
      throws InterruptedException {
    this.registry = registry;
    spillway = registry.spillway(service, SpillwayConfig.from(config).limit(Limits.fixed(1))
        .build(), Post.class, Post.class);
    CountDownLatch held = new CountDownLatch(1);
    holder = new Thread(() -> spillway.call(Post.ofSize(16), p -> {
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return p;
    }), "permit-holder-" + service);
    holder.setDaemon(true);
    holder.start();
    if (!held.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the permit holder did not start");
    }
  }

  public Spillway<Post, Post> spillway() {
    return spillway;
  }

  /** Calls that spilled and succeeded so far. */
  public long spilled() {
    return spillway.metrics().calls(Route.FUNCTION, Outcome.SUCCESS);
  }

  /**
   * Releases the held permit and closes the registry (and the provider).
   *
   * @throws IllegalStateException if any call but the holder's ran locally
   */
  @Override
  public void close() throws InterruptedException {
    release.countDown();
    holder.join(5000);
    long local = spillway.metrics().calls(Route.LOCAL, Outcome.SUCCESS)
        + spillway.metrics().calls(Route.LOCAL, Outcome.ERROR);
    registry.close();
    if (local != 1) {
      throw new IllegalStateException(local + " calls ran locally; only the holder should have");
    }
  }
}
