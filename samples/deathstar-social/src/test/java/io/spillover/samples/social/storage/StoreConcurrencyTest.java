package io.spillover.samples.social.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.model.Creator;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.storage.UserStore.InsertResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several threads on one store at once: bounds hold exactly and edges never half-exist. */
class StoreConcurrencyTest {
  private static final int THREADS = 8;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private void race(Callable<Void> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Void>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    for (Future<Void> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void postStoreNeverExceedsItsBound() throws Exception {
    Storage s = InMemoryStorage.builder().maxPosts(1000).build();
    AtomicInteger ids = new AtomicInteger();
    AtomicInteger stored = new AtomicInteger();
    AtomicInteger full = new AtomicInteger();
    race(() -> {
      for (int i = 0; i < 200; i++) {
        long id = ids.incrementAndGet();
        try {
          if (s.posts().store(new Post(id, new Creator(1, "u"), 1, "t", null, null, null, id, PostType.POST))) {
            stored.incrementAndGet();
          }
        } catch (ServiceException e) {
          full.incrementAndGet();
        }
      }
      return null;
    });
    assertThat(stored.get()).isEqualTo(1000);
    assertThat(full.get()).isEqualTo(THREADS * 200 - 1000);
  }

  @Test
  void eachUsernameIsRegisteredOnce() throws Exception {
    Storage s = InMemoryStorage.create();
    AtomicInteger inserted = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    race(() -> {
      int me = next.getAndIncrement();
      for (int i = 0; i < 500; i++) {
        UserRecord user = new UserRecord(me * 1000L + i, "F", "L", "name_" + i, "s", "h");
        if (s.users().insert(user) == InsertResult.INSERTED) {
          inserted.incrementAndGet();
        }
      }
      return null;
    });
    assertThat(inserted.get()).isEqualTo(500);
  }

  @Test
  void concurrentFollowsAndUnfollowsKeepBothSidesConsistent() throws Exception {
    SocialGraphStore graph = InMemoryStorage.create().socialGraph();
    int users = 20;
    for (int u = 0; u < users; u++) {
      graph.insertUser(u);
    }
    AtomicInteger seed = new AtomicInteger();
    race(() -> {
      java.util.Random random = new java.util.Random(seed.incrementAndGet());
      for (int i = 0; i < 5_000; i++) {
        int a = random.nextInt(users);
        int b = random.nextInt(users);
        if (random.nextBoolean()) {
          graph.follow(a, b, i);
        } else {
          graph.unfollow(a, b);
        }
      }
      return null;
    });
    for (long u = 0; u < users; u++) {
      for (long followee : graph.followees(u)) {
        assertThat(graph.followers(followee)).as("%d follows %d", u, followee).contains(u);
      }
      for (long follower : graph.followers(u)) {
        assertThat(graph.followees(follower)).contains(u);
      }
      assertThat(graph.followees(u)).doesNotHaveDuplicates();
    }
  }

  @Test
  void concurrentFanOutLosesNoEntry() throws Exception {
    TimelineStore timelines = InMemoryStorage.builder().maxTimelineLength(10_000).build().homeTimelines();
    AtomicInteger postIds = new AtomicInteger();
    race(() -> {
      for (int i = 0; i < 500; i++) {
        long post = postIds.incrementAndGet();
        timelines.add(List.of(1L, 2L, 3L), post, post);
      }
      return null;
    });
    for (long owner = 1; owner <= 3; owner++) {
      List<Long> all = timelines.range(owner, 0, 10_000);
      assertThat(all).hasSize(THREADS * 500).doesNotHaveDuplicates();
      assertThat(all.get(0)).isEqualTo(THREADS * 500L);
    }
  }
}
