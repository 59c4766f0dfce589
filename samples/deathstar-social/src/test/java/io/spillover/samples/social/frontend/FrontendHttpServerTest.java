package io.spillover.samples.social.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.SpillRejectedException;
import io.spillover.samples.social.Operation;
import io.spillover.samples.social.ServiceClient;
import io.spillover.samples.social.TestNetworks;
import io.spillover.samples.social.internal.Json;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FrontendHttpServerTest {
  private final TestNetworks t = new TestNetworks();
  private final FrontendHttpServer server = FrontendHttpServer.start(t.frontend, 0, 2);
  private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final HttpUrl base = HttpUrl.get(server.baseUri().toString());

  @AfterEach
  void stop() {
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private record Reply(int status, String body) {}

  private Reply send(Request request) throws Exception {
    try (Response response = client.newCall(request).execute()) {
      return new Reply(response.code(), response.body().string());
    }
  }

  private Reply form(String path, String... pairs) throws Exception {
    FormBody.Builder form = new FormBody.Builder();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return send(new Request.Builder().url(base.resolve(path)).post(form.build()).build());
  }

  private Reply raw(String path, String body) throws Exception {
    RequestBody content = RequestBody.create(body, MediaType.get("application/x-www-form-urlencoded"));
    return send(new Request.Builder().url(base.resolve(path)).post(content).build());
  }

  private Reply get(String pathAndQuery) throws Exception {
    return send(new Request.Builder().url(base.resolve(pathAndQuery)).build());
  }

  private void register(int id) throws Exception {
    Reply r = form("/wrk2-api/user/register", "first_name", "f" + id, "last_name", "l" + id,
        "username", "username_" + id, "password", "pw", "user_id", Integer.toString(id));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void theWrk2FlowWorksEndToEnd() throws Exception {
    register(0);
    register(1);
    assertThat(form("/wrk2-api/user/follow", "user_id", "1", "followee_id", "0").status()).isEqualTo(200);
    assertThat(form("/wrk2-api/user/follow", "user_name", "username_1", "followee_name", "username_0").status())
        .isEqualTo(200);
    // the wrk2 script's body: not URL-escaped, media ids as a JSON array of strings
    Reply compose = raw("/wrk2-api/post/compose", "username=username_0&user_id=0&text=hello @username_1 "
        + "http://abc&media_ids=[\"123456789012345678\"]&media_types=[\"png\"]&post_type=0");
    assertThat(compose).isEqualTo(new Reply(200, "Successfully upload post"));

    Reply home = get("/wrk2-api/home-timeline/read?user_id=1&start=0&stop=10");
    assertThat(home.status()).isEqualTo(200);
    JsonNode posts = Json.MAPPER.readTree(home.body());
    assertThat(posts.size()).isEqualTo(1);
    JsonNode post = posts.get(0);
    assertThat(post.get("post_id").isString()).isTrue();
    assertThat(post.get("creator").get("user_id").stringValue()).isEqualTo("0");
    assertThat(post.get("creator").get("username").stringValue()).isEqualTo("username_0");
    assertThat(post.get("media").get(0).get("media_id").stringValue()).isEqualTo("123456789012345678");
    assertThat(post.get("user_mentions").get(0).get("user_id").stringValue()).isEqualTo("1");
    assertThat(post.get("urls").get(0).get("expanded_url").stringValue()).isEqualTo("http://abc");
    assertThat(post.get("timestamp").stringValue()).isEqualTo(Long.toString(TestNetworks.T0));
    assertThat(post.get("post_type").isInt()).isTrue();
    assertThat(post.get("text").stringValue()).startsWith("hello @username_1 http://short-url/");

    Reply own = get("/wrk2-api/user-timeline/read?user_id=0&start=0&stop=10");
    assertThat(Json.MAPPER.readTree(own.body())).isEqualTo(posts);
    assertThat(get("/wrk2-api/user-timeline/read?user_id=1&start=0&stop=10").body()).isEqualTo("[]");

    assertThat(form("/wrk2-api/user/unfollow", "user_id", "1", "followee_id", "0").status()).isEqualTo(200);
    assertThat(t.frontend.followers(0)).isEmpty();
  }

  @Test
  void missingArgumentsAre400IncompleteArguments() throws Exception {
    assertThat(form("/wrk2-api/user/register", "first_name", "f", "username", "u", "password", "p", "user_id", "1"))
        .satisfies(r -> assertThat(r.status()).isEqualTo(400))
        .satisfies(r -> assertThat(r.body()).startsWith("Incomplete arguments"));
    assertThat(form("/wrk2-api/user/follow", "user_id", "1").body()).isEqualTo("Incomplete arguments");
    assertThat(form("/wrk2-api/post/compose", "username", "u", "user_id", "0", "text", "x").status()).isEqualTo(400);
    assertThat(get("/wrk2-api/home-timeline/read?user_id=1&start=0").status()).isEqualTo(400);
  }

  @Test
  void malformedArgumentsAre400WithTheReason() throws Exception {
    register(0);
    assertThat(get("/wrk2-api/home-timeline/read?user_id=x&start=0&stop=1").body()).contains("user_id must be an integer");
    assertThat(get("/wrk2-api/user-timeline/read?user_id=0&start=0&stop=99999999999").status()).isEqualTo(400);
    assertThat(form("/wrk2-api/post/compose", "username", "username_0", "user_id", "0", "text", "x",
        "post_type", "7").body()).contains("post_type");
    assertThat(form("/wrk2-api/post/compose", "username", "username_0", "user_id", "0", "text", "x",
        "post_type", "0", "media_ids", "[1,", "media_types", "[]").body()).contains("media_ids is not JSON");
    assertThat(form("/wrk2-api/post/compose", "username", "username_0", "user_id", "0", "text", "x",
        "post_type", "0", "media_ids", "[1, true]", "media_types", "[\"png\",\"png\"]").status()).isEqualTo(400);
    assertThat(form("/wrk2-api/post/compose", "username", "username_0", "user_id", "0", "text", "x",
        "post_type", "0", "media_ids", "[1, 2]", "media_types", "[\"png\"]").status()).isEqualTo(400);
    assertThat(raw("/wrk2-api/user/follow", "user_id=%zz&followee_id=1").status()).isEqualTo(400);
  }

  @Test
  void serviceErrorsKeepTheirStatus() throws Exception {
    register(0);
    Reply again = form("/wrk2-api/user/register", "first_name", "f", "last_name", "l", "username", "username_0",
        "password", "p", "user_id", "5");
    assertThat(again).isEqualTo(new Reply(409, "User username_0 already existed"));
    assertThat(form("/wrk2-api/user/follow", "user_id", "0", "followee_id", "42").status()).isEqualTo(404);
    assertThat(form("/wrk2-api/user/follow", "user_name", "username_0", "followee_name", "ghost").status())
        .isEqualTo(404);
  }

  @Test
  void wrongMethodsAndPathsAreRefused() throws Exception {
    assertThat(get("/wrk2-api/post/compose").status()).isEqualTo(405);
    assertThat(get("/wrk2-api/nothing").status()).isEqualTo(404);
  }

  @Test
  void mediaUploadsReadBack() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    Reply up = send(new Request.Builder().url(base.resolve("/upload-media?media_type=png"))
        .post(RequestBody.create(png, MediaType.get("application/octet-stream"))).build());
    assertThat(up.status()).isEqualTo(200);
    JsonNode media = Json.MAPPER.readTree(up.body());
    String filename = media.get("media_id").stringValue() + "." + media.get("media_type").stringValue();
    try (Response r = client.newCall(new Request.Builder().url(base.resolve("/get-media?filename=" + filename))
        .build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("image/png");
      assertThat(r.body().bytes()).isEqualTo(png);
    }
    assertThat(get("/get-media?filename=1.png").status()).isEqualTo(404);
    assertThat(send(new Request.Builder().url(base.resolve("/upload-media?media_type=../x"))
        .post(RequestBody.create(png, null)).build()).status()).isEqualTo(400);
  }

  @Test
  void aCallASpillwayRejectedIs503WithTheReason() throws Exception {
    // a front end whose services are all overloaded: every call rejected by its spillway
    ServiceClient overloaded = new ServiceClient() {
      @Override
      public <Q, R> R call(Operation<Q, R> op, Q request) {
        throw new CompletionException(new SpillRejectedException(op.service(),
            SpillRejectedException.Reason.DEADLINE_EXCEEDED, "no permit within maxWait", null));
      }
    };
    try (FrontendHttpServer busy = FrontendHttpServer.start(
        new SocialFrontend(overloaded, t.storage.media()), 0, 2);
        Response r = client.newCall(new Request.Builder().url(HttpUrl.get(busy.baseUri()
            .toString()).resolve("/wrk2-api/home-timeline/read?user_id=1&start=0&stop=10"))
            .build()).execute()) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(r.header(FrontendHttpServer.REJECTED_HEADER)).isEqualTo("DEADLINE_EXCEEDED");
      assertThat(r.body().string()).contains("home-timeline");
    }
  }
}
