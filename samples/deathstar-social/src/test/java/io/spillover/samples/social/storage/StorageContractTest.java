package io.spillover.samples.social.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.model.Creator;
import io.spillover.samples.social.model.Media;
import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.model.Url;
import io.spillover.samples.social.model.UserMention;
import io.spillover.samples.social.storage.UserStore.InsertResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Storage} must do; run against the in-memory stores and their HTTP clients. */
abstract class StorageContractTest {

  /** Fresh storage with small bounds: 3 users, 2 posts, timelines of 3, 4 URLs, 8 media bytes. */
  protected abstract Storage storage();

  static InMemoryStorage.Builder smallBounds() {
    return InMemoryStorage.builder().maxUsers(3).maxPosts(2).maxTimelineLength(3).maxUrls(4).maxMediaBytes(8);
  }

  private static UserRecord user(long id, String name) {
    return new UserRecord(id, "F", "L", name, "salt", "hash");
  }

  @Test
  void usersAreUniqueByNameAndId() {
    UserStore users = storage().users();
    assertThat(users.insert(user(1, "a"))).isEqualTo(InsertResult.INSERTED);
    assertThat(users.insert(user(2, "a"))).isEqualTo(InsertResult.USERNAME_TAKEN);
    assertThat(users.insert(user(1, "b"))).isEqualTo(InsertResult.USER_ID_TAKEN);
    assertThat(users.findByUsername("a")).contains(user(1, "a"));
    assertThat(users.findByUsername("zz")).isEmpty();
    users.insert(user(5, "c"));
    assertThat(users.findUserIds(List.of("c", "a", "nope"))).isEqualTo(Map.of("a", 1L, "c", 5L));
    users.insert(user(6, "d"));
    assertThatThrownBy(() -> users.insert(user(7, "e"))).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FULL));
  }

  @Test
  void graphEdgesNeedInsertedUsers() {
    SocialGraphStore graph = storage().socialGraph();
    assertThat(graph.insertUser(1)).isTrue();
    assertThat(graph.insertUser(1)).isFalse();
    graph.insertUser(2);
    graph.insertUser(3);
    assertThat(graph.follow(2, 1, 10)).isTrue();
    assertThat(graph.follow(3, 1, 20)).isTrue();
    assertThat(graph.follow(2, 1, 30)).isFalse();
    assertThat(graph.followers(1)).containsExactly(2L, 3L);
    assertThat(graph.followees(2)).containsExactly(1L);
    assertThat(graph.unfollow(2, 1)).isTrue();
    assertThat(graph.unfollow(2, 1)).isFalse();
    assertThat(graph.followers(1)).containsExactly(3L);
    assertThat(graph.followers(42)).isEmpty();
    assertThatThrownBy(() -> graph.follow(1, 42, 1)).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void postsRoundTripWithEveryField() {
    PostStore posts = storage().posts();
    Post full = new Post(Long.MAX_VALUE, new Creator(3, "ü-name"), 77, "text \"quoted\" ✓",
        List.of(new UserMention(4, "m")), List.of(new Media(123456789012345678L, "png")),
        List.of(new Url("http://short-url/abc", "http://long")), 1_700_000_000_000L, PostType.DM);
    assertThat(posts.store(full)).isTrue();
    assertThat(posts.store(full)).isFalse();
    assertThat(posts.findAll(List.of(Long.MAX_VALUE, 5L))).containsExactly(full);
    posts.store(new Post(2, new Creator(1, "u"), 1, "", null, null, null, 1, PostType.POST));
    assertThatThrownBy(() -> posts.store(new Post(3, new Creator(1, "u"), 1, "", null, null, null, 1, PostType.POST)))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FULL));
  }

  @Test
  void timelinesAreNewestFirstDeduplicatedAndTrimmed() {
    Storage s = storage();
    TimelineStore timelines = s.homeTimelines();
    assertThat(timelines.add(List.of(1L, 2L), 100, 10)).isEqualTo(2);
    assertThat(timelines.add(List.of(1L), 100, 99)).isZero();
    timelines.add(List.of(1L), 101, 30);
    timelines.add(List.of(1L), 102, 20);
    assertThat(timelines.range(1, 0, 10)).containsExactly(101L, 102L, 100L);
    assertThat(timelines.range(1, 1, 2)).containsExactly(102L);
    timelines.add(List.of(1L), 103, 40);
    assertThat(timelines.range(1, 0, 10)).as("oldest dropped at length 3").containsExactly(103L, 101L, 102L);
    assertThat(timelines.range(2, 0, 10)).containsExactly(100L);
    assertThat(timelines.range(9, 0, 10)).isEmpty();
    assertThat(s.userTimelines().range(1, 0, 10)).as("separate from home timelines").isEmpty();
  }

  @Test
  void urlsReportTakenShortFormsAndExpand() {
    UrlStore urls = storage().urls();
    assertThat(urls.insertAll(List.of(new Url("s1", "l1"), new Url("s2", "l2")))).isEmpty();
    assertThat(urls.insertAll(List.of(new Url("s1", "other"), new Url("s3", "l3"))))
        .containsExactly(new Url("s1", "other"));
    assertThat(urls.expand(List.of("s1", "s3", "s9"))).isEqualTo(Map.of("s1", "l1", "s3", "l3"));
    assertThatThrownBy(() -> urls.insertAll(List.of(new Url("s4", "l"), new Url("s5", "l"))))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FULL));
    assertThat(urls.expand(List.of("s4"))).as("nothing stored when full").isEmpty();
  }

  @Test
  void mediaBlobsRoundTripWithinTheByteBound() {
    MediaStore media = storage().media();
    byte[] blob = {0, 1, 2, (byte) 0xFF};
    assertThat(media.put("1.png", blob)).isTrue();
    assertThat(media.put("1.png", new byte[] {9})).isFalse();
    assertThat(media.get("1.png")).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 2, 0xFF));
    assertThat(media.get("2.png")).isEmpty();
    assertThatThrownBy(() -> media.put("3.png", new byte[5])).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FULL));
  }
}
