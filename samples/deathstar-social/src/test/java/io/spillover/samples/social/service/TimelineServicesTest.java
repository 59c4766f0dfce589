package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.social.Operations;
import io.spillover.samples.social.TestNetworks;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.service.HomeTimelineService.WriteHomeTimelineRequest;
import io.spillover.samples.social.service.PostStorageService.StorePostRequest;
import io.spillover.samples.social.service.UserTimelineService.WriteUserTimelineRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineServicesTest {
  private final TestNetworks t = new TestNetworks().users(5);

  private void store(long id) {
    t.network.call(Operations.POST_STORAGE_STORE, new StorePostRequest(1, PostStorageServiceTest.post(id)));
  }

  @Test
  void userTimelineIsNewestFirstWithinTheRange() {
    for (long id = 1; id <= 5; id++) {
      store(id);
      t.network.call(Operations.USER_TIMELINE_WRITE, new WriteUserTimelineRequest(1, id, 2, 100 * id));
    }
    assertThat(t.frontend.readUserTimeline(2, 0, 3)).extracting(Post::postId).containsExactly(5L, 4L, 3L);
    assertThat(t.frontend.readUserTimeline(2, 3, 10)).extracting(Post::postId).containsExactly(2L, 1L);
    assertThat(t.frontend.readUserTimeline(2, 10, 20)).isEmpty();
    assertThat(t.frontend.readUserTimeline(3, 0, 10)).isEmpty();
  }

  @Test
  void aRepeatedWriteIsIgnored() {
    store(1);
    assertThat(t.network.call(Operations.USER_TIMELINE_WRITE, new WriteUserTimelineRequest(1, 1, 2, 100))
        .timelinesWritten()).isEqualTo(1);
    assertThat(t.network.call(Operations.USER_TIMELINE_WRITE, new WriteUserTimelineRequest(1, 1, 2, 999))
        .timelinesWritten()).isZero();
    assertThat(t.frontend.readUserTimeline(2, 0, 10)).hasSize(1);
  }

  @Test
  void emptyOrNegativeRangesReadNothing() {
    store(1);
    t.network.call(Operations.USER_TIMELINE_WRITE, new WriteUserTimelineRequest(1, 1, 2, 100));
    t.caller.clear();
    assertThat(t.frontend.readUserTimeline(2, 3, 3)).isEmpty();
    assertThat(t.frontend.readUserTimeline(2, 4, 1)).isEmpty();
    assertThat(t.frontend.readUserTimeline(2, -1, 5)).isEmpty();
    assertThat(t.frontend.readHomeTimeline(2, 5, 0)).isEmpty();
    assertThat(t.caller.calls()).as("no post-storage reads").doesNotContain("post-storage.read-posts");
  }

  @Test
  void homeTimelineFansOutToFollowersAndMentionsButNotTheAuthor() {
    t.frontend.follow(1, 0);
    t.frontend.follow(2, 0);
    store(7);
    int written = t.network.call(Operations.HOME_TIMELINE_WRITE,
        new WriteHomeTimelineRequest(1, 7, 0, 500, List.of(2L, 4L))).timelinesWritten();
    assertThat(written).isEqualTo(3);
    for (long reader : List.of(1L, 2L, 4L)) {
      assertThat(t.frontend.readHomeTimeline(reader, 0, 10)).extracting(Post::postId).containsExactly(7L);
    }
    assertThat(t.frontend.readHomeTimeline(0, 0, 10)).isEmpty();
    assertThat(t.frontend.readHomeTimeline(3, 0, 10)).isEmpty();
  }
}
