package io.spillover.samples.social.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.storage.http.HttpStorage;
import io.spillover.samples.social.storage.http.StorageHttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The storage contract through {@link HttpStorage} against a {@link StorageHttpServer} on loopback. */
class HttpStorageTest extends StorageContractTest {
  private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final List<StorageHttpServer> servers = new ArrayList<>();

  @Override
  protected Storage storage() {
    StorageHttpServer server = StorageHttpServer.start(smallBounds().build(), 0, 2);
    servers.add(server);
    return HttpStorage.connect(server.baseUri(), client);
  }

  @AfterEach
  void stop() {
    servers.forEach(StorageHttpServer::close);
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void malformedOrUnknownRequestsAreRefusedWithACode() throws Exception {
    storage();
    URI base = servers.get(0).baseUri();
    assertThat(post(base + "storage/posts/store", "{\"postId\":1}")).startsWith("400")
        .contains("BAD_REQUEST");
    assertThat(post(base + "storage/users/find-user-ids", "not json")).startsWith("400");
    assertThat(post(base + "storage/posts/find-all", "{\"postIds\":[1,null]}")).startsWith("400");
    assertThat(post(base + "storage/nothing/here", "{}")).startsWith("404");
    Request get = new Request.Builder().url(base + "storage/posts/find-all").build();
    try (Response response = client.newCall(get).execute()) {
      assertThat(response.code()).isEqualTo(405);
    }
  }

  @Test
  void anUnreachableServerIsStorageUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Storage dead = HttpStorage.connect(URI.create("http://127.0.0.1:" + port + "/"), client);
    assertThatThrownBy(() -> dead.posts().findAll(List.of(1L))).isInstanceOfSatisfying(ServiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
  }

  private String post(String url, String json) throws Exception {
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code() + " " + response.body().string();
    }
  }
}
