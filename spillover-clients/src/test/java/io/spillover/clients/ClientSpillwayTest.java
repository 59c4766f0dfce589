package io.spillover.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.limit.Limits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which URLs a destination matches, and what calls the route rules keep local do to its limit. */
class ClientSpillwayTest {
  private final SpilloverRegistry registry = SpilloverRegistry.builder()
      .tickInterval(Duration.ZERO).build();

  @AfterEach
  void close() {
    registry.close();
  }

  private ClientSpillway byUrl(String name, String base) {
    return new ClientSpillway(registry, name, base, SpillwayConfig.custom().build(),
        RouteRules.defaults());
  }

  @Test
  void aBaseUrlMatchesOnlyWholeAuthoritiesAndPathSegments() {
    ClientSpillway d = byUrl("port", "http://127.0.0.1:80/");
    assertThat(d.matches("http://127.0.0.1:80/a")).isTrue();
    assertThat(d.matches("http://127.0.0.1:80")).isTrue();
    assertThat(d.matches("http://127.0.0.1:80?x")).isTrue();
    // before the fix, a prefix match sent port 8081's calls through port 80's spillway
    assertThat(d.matches("http://127.0.0.1:8081/a")).isFalse();
    ClientSpillway api = byUrl("api", "http://h/api");
    assertThat(api.matches("http://h/api/x")).isTrue();
    assertThat(api.matches("http://h/apix")).isFalse();
  }

  @Test
  void aServiceMatchesTheHostOnAnySchemeAndPort() {
    ClientSpillway d = ClientSpillway.forService(registry, "logic", "Logic",
        SpillwayConfig.custom().build(), RouteRules.defaults());
    assertThat(d.matches("http://logic/items")).isTrue();
    assertThat(d.matches("https://LOGIC:8443/items?x=1")).isTrue();
    assertThat(d.matches("http://logic")).isTrue();
    assertThat(d.matches("http://logic-admin/items")).isFalse();
    assertThat(d.matches("http://other/logic")).isFalse();
    assertThat(d.baseUrl()).isNull();
    assertThatThrownBy(() -> ClientSpillway.forService(registry, "x", "http://logic",
        SpillwayConfig.custom().build(), RouteRules.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCallKeptLocalRunsPastTheLimitAndIsCountedInFlight() {
    ClientSpillway d = new ClientSpillway(registry, "kept", "http://127.0.0.1:1",
        SpillwayConfig.custom().limit(Limits.aimd().initial(1).min(1).max(4).build())
            .maxWait(Duration.ofMillis(1)).build(),
        RouteRules.defaults());
    HttpCall post = new HttpCall("POST", "/orders", "", Map.of(), new byte[0]);
    HttpCall get = new HttpCall("GET", "/a", "", Map.of(), new byte[0]);
    // a GET holds the only permit; the POST (may not spill) still runs, and is in flight beside it
    HttpResult r = d.execute(get, g -> d.execute(post, p -> {
      assertThat(d.spillway().metrics().inflightLocal()).isEqualTo(2);
      return new HttpResult(503, Map.of(), new byte[0]);
    }));
    assertThat(r.status()).isEqualTo(503);
    assertThat(d.maySpill("POST", "/orders")).isFalse();
    assertThat(d.maySpill("GET", "/a")).isTrue();
  }

  @Test
  void aCallKeptLocalThatMeetsA503LowersTheLimit() {
    ClientSpillway d = new ClientSpillway(registry, "drop", "http://127.0.0.1:1",
        SpillwayConfig.custom().limit(Limits.aimd().initial(4).min(1).max(4).build()).build(),
        RouteRules.defaults().never("GET /payments/**"));
    HttpCall never = new HttpCall("GET", "/payments/1", "", Map.of(), new byte[0]);
    assertThat(d.execute(never, c -> new HttpResult(503, Map.of(), new byte[0])).status())
        .isEqualTo(503);
    assertThat(d.spillway().metrics().limit()).isLessThan(4);
  }
}
