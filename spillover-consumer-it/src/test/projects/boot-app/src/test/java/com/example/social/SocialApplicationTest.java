package com.example.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.social.SocialApplication.ComposeController;
import com.example.social.SocialApplication.Gate;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Built against the installed jars: over HTTP, with the VM's one permit held, requests spill to
 * the twin; every request ends in a reply; on Java 21+ the requests ran on virtual threads
 * ({@code spring.threads.virtual.enabled=true}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SocialApplicationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  int port;
  @Autowired
  Gate gate;
  @Autowired
  ComposeController controller;
  @Autowired
  SpilloverRegistry registry;

  @Test
  void requestsOverTheLimitSpillAndNoneIsLost() throws Exception {
    Spillway<?, ?> spillway = registry.find("compose-post").orElseThrow();
    gate.close();
    CompletableFuture<HttpResponse<String>> first = post("ann", "first");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (spillway.metrics().inflightLocal() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(spillway.metrics().inflightLocal()).isEqualTo(1);

    List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      others.add(post("bob", "post " + i));
    }
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> r = others.get(i).get();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"text\":\"post " + i + "\"", "\"servedBy\":\"function\"");
    }
    gate.open();
    assertThat(first.get().body()).contains("\"servedBy\":\"vm\"");
    assertThat(spillway.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isEqualTo(8);
    assertThat(spillway.metrics().calls(Route.LOCAL, Outcome.SUCCESS)).isEqualTo(1);

    assertThat(controller.threads).hasSize(9);
    if (Runtime.version().feature() >= 21) {
      assertThat(controller.threads).allSatisfy(t -> assertThat(t).startsWith("VirtualThread["));
    }
  }

  private CompletableFuture<HttpResponse<String>> post(String user, String text) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/posts"))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"user\":\"" + user + "\",\"text\":\"" + text + "\"}"))
        .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }
}
