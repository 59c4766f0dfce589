package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.TestNetworks;
import io.spillover.samples.social.model.Creator;
import io.spillover.samples.social.model.Media;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.model.UserMention;
import io.spillover.samples.social.service.ComposePostService.ComposePostResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposePostServiceTest {
  private final TestNetworks t = new TestNetworks().users(4);

  @Test
  void composeStoresThePostThenWritesBothTimelinesInOrder() {
    t.frontend.follow(1, 0);
    t.frontend.follow(2, 0);
    t.caller.clear();
    ComposePostResponse r = t.frontend.composePost("username_0", 0, "hi @username_3 see http://x.io",
        List.of(5L, 6L), List.of("png", "jpg"), PostType.POST);

    assertThat(t.caller.calls()).containsExactly("compose-post.compose-post", "text.compose-text",
        "url-shorten.compose-urls", "user-mention.compose-user-mentions", "user.compose-creator-with-user-id",
        "media.compose-media", "unique-id.compose-unique-id", "post-storage.store-post",
        "user-timeline.write-user-timeline", "home-timeline.write-home-timeline", "social-graph.get-followers");

    List<Post> own = t.frontend.readUserTimeline(0, 0, 10);
    assertThat(own).hasSize(1);
    Post post = own.get(0);
    assertThat(post.postId()).isEqualTo(r.postId());
    assertThat(post.timestamp()).isEqualTo(TestNetworks.T0).isEqualTo(r.timestamp());
    assertThat(post.creator()).isEqualTo(new Creator(0, "username_0"));
    assertThat(post.userMentions()).containsExactly(new UserMention(3, "username_3"));
    assertThat(post.media()).containsExactly(new Media(5, "png"), new Media(6, "jpg"));
    assertThat(post.urls()).singleElement().satisfies(u -> assertThat(u.expandedUrl()).isEqualTo("http://x.io"));
    assertThat(post.text()).isEqualTo("hi @username_3 see " + post.urls().get(0).shortenedUrl());
    assertThat(post.postType()).isEqualTo(PostType.POST);
    assertThat(post.reqId()).isPositive();

    for (long reader : List.of(1L, 2L, 3L)) {
      assertThat(t.frontend.readHomeTimeline(reader, 0, 10)).containsExactly(post);
    }
    assertThat(t.frontend.readHomeTimeline(0, 0, 10)).isEmpty();
  }

  @Test
  void postsOfOneAuthorReadNewestFirst() {
    t.frontend.follow(1, 0);
    long first = t.frontend.composePost("username_0", 0, "one", null, null, PostType.POST).postId();
    t.clock.advance(5);
    long second = t.frontend.composePost("username_0", 0, "two", null, null, PostType.REPLY).postId();
    assertThat(t.frontend.readHomeTimeline(1, 0, 10)).extracting(Post::postId).containsExactly(second, first);
    assertThat(t.frontend.readUserTimeline(0, 1, 2)).extracting(Post::text).containsExactly("one");
  }

  @Test
  void aFailingStepStoresNothing() {
    assertThatThrownBy(() -> t.frontend.composePost("username_0", 0, "x", List.of(1L), List.of(), PostType.POST))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThat(t.caller.calls()).doesNotContain("post-storage.store-post");
    assertThat(t.frontend.readUserTimeline(0, 0, 10)).isEmpty();
  }

  @Test
  void missingFieldsAreBadRequests() {
    assertThatThrownBy(() -> t.frontend.composePost(null, 0, "x", null, null, PostType.POST))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThatThrownBy(() -> t.frontend.composePost("u", 0, "x", null, null, null))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }
}
