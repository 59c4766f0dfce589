package io.spillover.samples.social.lab;

import io.spillover.samples.social.Operations;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.service.ComposePostService.ComposePostRequest;
import io.spillover.samples.social.service.HomeTimelineService.ReadHomeTimelineRequest;
import io.spillover.samples.social.service.UserTimelineService.ReadUserTimelineRequest;
import io.spillover.samples.social.graph.SocialGraphLoader;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * wrk2's mixed workload of the socialNetwork: 60 % read home timeline, 30 % read user timeline,
 * 10 % compose post, for users drawn uniformly from the loaded graph. Request {@code i} is the
 * same in every setup (seeded by {@code i}).
 */
final class Workload {
  /** Shares of the mix: read home timeline, read user timeline, compose post. */
  static final double HOME = 0.6;
  static final double USER = 0.3;
  static final double COMPOSE = 0.1;
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private final int users;
  private final AtomicLong reqIds = new AtomicLong(1);

  Workload(int users) {
    this.users = users;
  }

  /** Performs mixed request {@code i} against {@code network}. */
  void run(SocialNetwork network, long i) {
    SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    int kind = r.nextInt(100);
    long user = r.nextInt(users);
    long reqId = reqIds.getAndIncrement();
    if (kind < 60) {
      network.call(Operations.HOME_TIMELINE_READ, new ReadHomeTimelineRequest(reqId, user, 0, 10));
    } else if (kind < 90) {
      network.call(Operations.USER_TIMELINE_READ, new ReadUserTimelineRequest(reqId, user, 0, 10));
    } else {
      network.call(Operations.COMPOSE_POST, compose(r, reqId, user));
    }
  }

  /**
   * Mixed request {@code i} (the same draw as {@link #run}) as a request of the wrk2 API of the
   * front end ({@link io.spillover.samples.social.frontend.FrontendHttpServer}) at {@code base}.
   */
  Request http(HttpUrl base, long i) {
    SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    int kind = r.nextInt(100);
    long user = r.nextInt(users);
    long reqId = reqIds.getAndIncrement();
    if (kind < 90) {
      String path = kind < 60 ? "wrk2-api/home-timeline/read" : "wrk2-api/user-timeline/read";
      return new Request.Builder().url(base.newBuilder().addPathSegments(path)
          .addQueryParameter("user_id", Long.toString(user)).addQueryParameter("start", "0")
          .addQueryParameter("stop", "10").build()).build();
    }
    ComposePostRequest post = compose(r, reqId, user);
    FormBody form = new FormBody.Builder().add("username", post.username())
        .add("user_id", Long.toString(user)).add("text", post.text())
        .add("post_type", Integer.toString(post.postType().ordinal())).build();
    return new Request.Builder().url(base.newBuilder().addPathSegments("wrk2-api/post/compose")
        .build()).post(form).build();
  }

  /** A post like wrk2's: 256 random characters, up to 5 mentions and up to 5 URLs. */
  ComposePostRequest compose(SplittableRandom r, long reqId, long user) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < 256; k++) {
      text.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
    }
    int mentions = r.nextInt(6);
    for (int k = 0; k < mentions; k++) {
      text.append(" @").append(SocialGraphLoader.username(r.nextInt(users)));
    }
    int urls = r.nextInt(6);
    for (int k = 0; k < urls; k++) {
      text.append(" http://");
      for (int c = 0; c < 64; c++) {
        text.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
      }
    }
    return new ComposePostRequest(reqId, SocialGraphLoader.username((int) user), user,
        text.toString(), List.of(), List.of(), PostType.POST);
  }
}
