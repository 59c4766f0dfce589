package io.spillover.samples.social.storage.http;

import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.model.Url;
import io.spillover.samples.social.storage.MediaStore;
import io.spillover.samples.social.storage.PostStore;
import io.spillover.samples.social.storage.SocialGraphStore;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.storage.TimelineStore;
import io.spillover.samples.social.storage.UrlStore;
import io.spillover.samples.social.storage.UserRecord;
import io.spillover.samples.social.storage.UserStore;
import io.spillover.samples.social.storage.http.internal.StorageHttpClient;
import io.spillover.samples.social.storage.http.internal.StorageWire.EdgeArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.FilenameArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.MediaPutArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.PostIdsArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.RangeArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.ShortUrlsArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.TimelineAddArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.UrlsArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.UserIdArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.UsernameArg;
import io.spillover.samples.social.storage.http.internal.StorageWire.UsernamesArg;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import tools.jackson.core.type.TypeReference;

/**
 * A {@link Storage} whose stores are HTTP clients (OkHttp) of a {@link StorageHttpServer}: what a
 * function twin uses to reach the VM's storage tier. Each store call is one request; transport
 * failures surface as STORAGE_UNAVAILABLE, the server's own errors keep their code.
 */
public final class HttpStorage {
  private static final TypeReference<List<Long>> LONGS = new TypeReference<>() {};
  private static final TypeReference<List<Post>> POSTS = new TypeReference<>() {};
  private static final TypeReference<List<Url>> URLS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Long>> IDS_BY_NAME = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LONG_BY_SHORT = new TypeReference<>() {};

  private HttpStorage() {}

  /** Storage at {@code baseUri} (as {@link StorageHttpServer#baseUri()}), over the caller's client. */
  public static Storage connect(URI baseUri, OkHttpClient client) {
    HttpUrl base = HttpUrl.get(Objects.requireNonNull(baseUri, "baseUri").toString());
    StorageHttpClient c = new StorageHttpClient(base, client);
    return new Storage(users(c), graph(c), posts(c), timeline(c, "user-timelines"),
        timeline(c, "home-timelines"), urls(c), media(c));
  }

  private static UserStore users(StorageHttpClient c) {
    return new UserStore() {
      @Override
      public InsertResult insert(UserRecord user) {
        return c.post("users/insert", Objects.requireNonNull(user, "user"), InsertResult.class);
      }

      @Override
      public Optional<UserRecord> findByUsername(String username) {
        return Optional.ofNullable(c.post("users/find-by-username", new UsernameArg(username), UserRecord.class));
      }

      @Override
      public Map<String, Long> findUserIds(Collection<String> usernames) {
        return c.post("users/find-user-ids", new UsernamesArg(List.copyOf(usernames)), IDS_BY_NAME);
      }
    };
  }

  private static SocialGraphStore graph(StorageHttpClient c) {
    return new SocialGraphStore() {
      @Override
      public boolean insertUser(long userId) {
        return c.post("social-graph/insert-user", new UserIdArg(userId), Boolean.class);
      }

      @Override
      public boolean follow(long userId, long followeeId, long timestamp) {
        return c.post("social-graph/follow", new EdgeArg(userId, followeeId, timestamp), Boolean.class);
      }

      @Override
      public boolean unfollow(long userId, long followeeId) {
        return c.post("social-graph/unfollow", new EdgeArg(userId, followeeId, 0), Boolean.class);
      }

      @Override
      public List<Long> followers(long userId) {
        return c.post("social-graph/followers", new UserIdArg(userId), LONGS);
      }

      @Override
      public List<Long> followees(long userId) {
        return c.post("social-graph/followees", new UserIdArg(userId), LONGS);
      }
    };
  }

  private static PostStore posts(StorageHttpClient c) {
    return new PostStore() {
      @Override
      public boolean store(Post post) {
        return c.post("posts/store", Objects.requireNonNull(post, "post"), Boolean.class);
      }

      @Override
      public List<Post> findAll(Collection<Long> postIds) {
        return c.post("posts/find-all", new PostIdsArg(List.copyOf(postIds)), POSTS);
      }
    };
  }

  private static TimelineStore timeline(StorageHttpClient c, String name) {
    return new TimelineStore() {
      @Override
      public int add(Collection<Long> owners, long postId, long timestamp) {
        return c.post(name + "/add", new TimelineAddArg(List.copyOf(owners), postId, timestamp), Integer.class);
      }

      @Override
      public List<Long> range(long owner, int start, int stop) {
        return c.post(name + "/range", new RangeArg(owner, start, stop), LONGS);
      }
    };
  }

  private static UrlStore urls(StorageHttpClient c) {
    return new UrlStore() {
      @Override
      public List<Url> insertAll(List<Url> urls) {
        return c.post("urls/insert-all", new UrlsArg(List.copyOf(urls)), URLS);
      }

      @Override
      public Map<String, String> expand(Collection<String> shortenedUrls) {
        return c.post("urls/expand", new ShortUrlsArg(List.copyOf(shortenedUrls)), LONG_BY_SHORT);
      }
    };
  }

  private static MediaStore media(StorageHttpClient c) {
    return new MediaStore() {
      @Override
      public boolean put(String filename, byte[] content) {
        return c.post("media/put", new MediaPutArg(filename, content), Boolean.class);
      }

      @Override
      public Optional<byte[]> get(String filename) {
        return Optional.ofNullable(c.post("media/get", new FilenameArg(filename), byte[].class));
      }
    };
  }
}
