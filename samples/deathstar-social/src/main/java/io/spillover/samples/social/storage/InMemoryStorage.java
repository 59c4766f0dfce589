package io.spillover.samples.social.storage;

import io.spillover.samples.social.storage.internal.InMemoryMediaStore;
import io.spillover.samples.social.storage.internal.InMemoryPostStore;
import io.spillover.samples.social.storage.internal.InMemorySocialGraphStore;
import io.spillover.samples.social.storage.internal.InMemoryTimelineStore;
import io.spillover.samples.social.storage.internal.InMemoryUrlStore;
import io.spillover.samples.social.storage.internal.InMemoryUserStore;

/**
 * The embedded storage tier: thread-safe in-memory stores standing in for DeathStarBench's MongoDB,
 * Redis and memcached. Every store is bounded; a write past a bound fails with STORAGE_FULL and
 * changes nothing, except timelines, which drop their oldest entry (see the module README for the
 * memory each default costs).
 */
public final class InMemoryStorage {
  private InMemoryStorage() {}

  /** Storage with the default bounds. */
  public static Storage create() {
    return builder().build();
  }

  /** A builder to change the bounds. */
  public static Builder builder() {
    return new Builder();
  }

  /** Bounds of the in-memory stores; validated when {@link #build()} runs. */
  public static final class Builder {
    private int maxUsers = 100_000;
    private int maxPosts = 200_000;
    private int maxTimelineLength = 200;
    private int maxUrls = 1_200_000;
    private long maxMediaBytes = 64L << 20;

    private Builder() {}

    /** Registered users, graph nodes and timelines per kind (default 100,000). */
    public Builder maxUsers(int maxUsers) {
      this.maxUsers = positive(maxUsers, "maxUsers");
      return this;
    }

    /** Stored posts (default 200,000: about 0.5 GB of wrk2-sized posts with their short URLs). */
    public Builder maxPosts(int maxPosts) {
      this.maxPosts = positive(maxPosts, "maxPosts");
      return this;
    }

    /** Entries kept per user or home timeline, newest first (default 200; wrk2 reads stop at 110). */
    public Builder maxTimelineLength(int maxTimelineLength) {
      this.maxTimelineLength = positive(maxTimelineLength, "maxTimelineLength");
      return this;
    }

    /** Short URLs (default 1,200,000 = 6 per post at the post bound). */
    public Builder maxUrls(int maxUrls) {
      this.maxUrls = positive(maxUrls, "maxUrls");
      return this;
    }

    /** Total bytes of media blobs (default 64 MiB). */
    public Builder maxMediaBytes(long maxMediaBytes) {
      if (maxMediaBytes <= 0) {
        throw new IllegalArgumentException("maxMediaBytes must be positive, was " + maxMediaBytes);
      }
      this.maxMediaBytes = maxMediaBytes;
      return this;
    }

    /** Fresh, empty stores. */
    public Storage build() {
      return new Storage(new InMemoryUserStore(maxUsers), new InMemorySocialGraphStore(maxUsers),
          new InMemoryPostStore(maxPosts),
          new InMemoryTimelineStore("user-timeline", maxUsers, maxTimelineLength),
          new InMemoryTimelineStore("home-timeline", maxUsers, maxTimelineLength),
          new InMemoryUrlStore(maxUrls), new InMemoryMediaStore(maxMediaBytes));
    }

    private static int positive(int value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
