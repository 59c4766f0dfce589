package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.model.Creator;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.service.PostStorageService.ReadPostRequest;
import io.spillover.samples.social.service.PostStorageService.ReadPostsRequest;
import io.spillover.samples.social.service.PostStorageService.StorePostRequest;
import io.spillover.samples.social.storage.internal.InMemoryPostStore;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PostStorageServiceTest {
  private final PostStorageService service = new PostStorageService(new InMemoryPostStore(10));

  static Post post(long id) {
    return new Post(id, new Creator(1, "u"), 9, "text " + id, null, null, null, 1000 + id, PostType.POST);
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void storedPostsReadBackInTheOrderOfTheIds() {
    for (long id = 1; id <= 3; id++) {
      assertThat(service.storePost(new StorePostRequest(1, post(id))).postId()).isEqualTo(id);
    }
    assertThat(service.readPost(new ReadPostRequest(1, 2)).post()).isEqualTo(post(2));
    assertThat(service.readPosts(new ReadPostsRequest(1, List.of(3L, 1L, 2L))).posts())
        .extracting(Post::postId).containsExactly(3L, 1L, 2L);
    assertThat(service.readPosts(new ReadPostsRequest(1, List.of())).posts()).isEmpty();
  }

  @Test
  void errorsFollowTheOriginal() {
    service.storePost(new StorePostRequest(1, post(1)));
    assertCode(() -> service.readPost(new ReadPostRequest(1, 5)), ErrorCode.NOT_FOUND, "doesn't exist");
    assertCode(() -> service.readPosts(new ReadPostsRequest(1, List.of(1L, 1L))), ErrorCode.BAD_REQUEST,
        "Post_ids are duplicated");
    assertCode(() -> service.readPosts(new ReadPostsRequest(1, List.of(1L, 5L))), ErrorCode.NOT_FOUND,
        "Return set incomplete");
    assertCode(() -> service.storePost(new StorePostRequest(1, post(1))), ErrorCode.CONFLICT, "already exists");
    assertCode(() -> service.storePost(new StorePostRequest(1, null)), ErrorCode.BAD_REQUEST, "post");
  }

  @Test
  void aFullStoreRejectsNewPosts() {
    PostStorageService tiny = new PostStorageService(new InMemoryPostStore(1));
    tiny.storePost(new StorePostRequest(1, post(1)));
    assertCode(() -> tiny.storePost(new StorePostRequest(1, post(2))), ErrorCode.STORAGE_FULL, "full");
  }

  @Test
  void aPostNeedsCreatorTextAndType() {
    assertThatThrownBy(() -> new Post(1, null, 1, "t", null, null, null, 1, PostType.POST))
        .isInstanceOf(ServiceException.class);
    assertThatThrownBy(() -> new Post(1, new Creator(1, "u"), 1, "t", null, null, null, 1, null))
        .isInstanceOf(ServiceException.class);
  }
}
