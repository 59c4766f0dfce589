package io.spillover.samples.social.storage.http.internal;

import static io.spillover.samples.social.internal.Checks.copy;
import static io.spillover.samples.social.internal.Checks.present;

import io.spillover.samples.social.model.Post;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.storage.TimelineStore;
import io.spillover.samples.social.storage.UserRecord;
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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The server side of {@link StorageWire}: one route per store method, arguments validated. */
public final class StorageRoutes {

  /** A route: its argument type and what it does with a decoded argument. */
  public record Route<A>(Class<A> argType, Function<A, Object> action) {}

  private final Map<String, Route<?>> routes = new HashMap<>();

  public StorageRoutes(Storage s) {
    add("users/insert", UserRecord.class, user -> s.users().insert(user));
    add("users/find-by-username", UsernameArg.class,
        a -> s.users().findByUsername(present(a.username(), "username")).orElse(null));
    add("users/find-user-ids", UsernamesArg.class, a -> s.users().findUserIds(copy(a.usernames(), "usernames")));
    add("social-graph/insert-user", UserIdArg.class, a -> s.socialGraph().insertUser(a.userId()));
    add("social-graph/follow", EdgeArg.class,
        a -> s.socialGraph().follow(a.userId(), a.followeeId(), a.timestamp()));
    add("social-graph/unfollow", EdgeArg.class, a -> s.socialGraph().unfollow(a.userId(), a.followeeId()));
    add("social-graph/followers", UserIdArg.class, a -> s.socialGraph().followers(a.userId()));
    add("social-graph/followees", UserIdArg.class, a -> s.socialGraph().followees(a.userId()));
    add("posts/store", Post.class, post -> s.posts().store(post));
    add("posts/find-all", PostIdsArg.class, a -> s.posts().findAll(copy(a.postIds(), "postIds")));
    timeline("user-timelines", s.userTimelines());
    timeline("home-timelines", s.homeTimelines());
    add("urls/insert-all", UrlsArg.class, a -> s.urls().insertAll(copy(a.urls(), "urls")));
    add("urls/expand", ShortUrlsArg.class, a -> s.urls().expand(copy(a.shortenedUrls(), "shortenedUrls")));
    add("media/put", MediaPutArg.class,
        a -> s.media().put(present(a.filename(), "filename"), present(a.content(), "content")));
    add("media/get", FilenameArg.class, a -> s.media().get(present(a.filename(), "filename")).orElse(null));
  }

  /** The route for {@code path} below {@link StorageWire#PREFIX}, or null. */
  public Route<?> route(String path) {
    return routes.get(path);
  }

  private void timeline(String name, TimelineStore store) {
    add(name + "/add", TimelineAddArg.class,
        a -> store.add(copy(a.owners(), "owners"), a.postId(), a.timestamp()));
    add(name + "/range", RangeArg.class, a -> store.range(a.owner(), a.start(), a.stop()));
  }

  private <A> void add(String path, Class<A> argType, Function<A, Object> action) {
    routes.put(path, new Route<>(argType, action));
  }
}
