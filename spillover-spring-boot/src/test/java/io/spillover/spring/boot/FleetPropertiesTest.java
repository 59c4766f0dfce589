package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.SpillRejectedException;
import io.spillover.SpillRejectedException.Reason;
import io.spillover.Spillway;
import io.spillover.fleet.FleetStore;
import io.spillover.function.FunctionApp;
import io.spillover.function.InProcessProvider;
import io.spillover.zookeeper.ZooKeeperFleetStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code spillover.fleet.zookeeper.*} and a spillway's {@code fleet-spend-cap-per-hour}. */
class FleetPropertiesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SpilloverFleetAutoConfiguration.class,
          SpilloverAutoConfiguration.class))
      .withUserConfiguration(Twin.class);

  @Configuration(proxyBeanMethods = false)
  static class Twin {
    @Bean
    InProcessProvider twins() {
      return InProcessProvider.named("twins").deploy("echo", FunctionApp.builder()
          .handle("svc", String.class, String.class, s -> "twin:" + s).build());
    }
  }

  /** A real ZooKeeper server on loopback, without its admin web server. */
  static TestingServer loopbackZooKeeper() throws Exception {
    System.setProperty("zookeeper.admin.enableServer", "false");
    return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1", "admin.enableServer", "false"), "127.0.0.1"),
        true);
  }

  @Test
  void aConnectStringMakesAZooKeeperStoreThatTheSpillwaysFleetCapUses() throws Exception {
    try (TestingServer zk = loopbackZooKeeper()) {
      runner.withPropertyValues(
          "spillover.fleet.zookeeper.connect-string=" + zk.getConnectString(),
          "spillover.fleet.zookeeper.member=vm-1",
          "spillover.fleet.zookeeper.root=/shop",
          "spillover.configs.default.function.provider=twins",
          "spillover.configs.default.function.target=echo",
          "spillover.configs.default.limit.type=fixed",
          "spillover.configs.default.limit.value=1",
          "spillover.configs.default.max-wait=0ms",
          "spillover.configs.default.fleet-spend-cap-per-hour=1e-9").run(context -> {
            assertThat(context).hasNotFailed();
            ZooKeeperFleetStore store = context.getBean(ZooKeeperFleetStore.class);
            assertThat(store.member()).isEqualTo("vm-1");
            Spillway<String, String> svc = context.getBean(Spillways.class)
                .spillway("svc", String.class, String.class);
            assertThat(svc.config().fleetSpendCapPerHour()).isEqualTo(1e-9);
            svc.callAsync("held", s -> new CompletableFuture<>());
            assertThat(svc.call("a", s -> s)).isEqualTo("twin:a");
            assertThat(store.syncNow()).isTrue();
            assertThat(store.view("svc").members()).isEqualTo(1);
            SpillRejectedException refused = null;
            try {
              svc.call("b", s -> s);
            } catch (SpillRejectedException e) {
              refused = e;
            }
            assertThat(refused).isNotNull();
            assertThat(refused.reason()).isEqualTo(Reason.SPEND_CAP_REACHED);
            assertThat(refused.getMessage()).contains("the fleet's spend cap");
          });
    }
  }

  @Test
  void withoutAConnectStringThereIsNoStore() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(FleetStore.class);
    });
  }

  @Test
  void aSpillwaysFleetMaxConcurrentSpillsLeasesPermitsInBlocksAndSpillsWithThem()
      throws Exception {
    try (TestingServer zk = loopbackZooKeeper()) {
      runner.withPropertyValues(
          "spillover.fleet.zookeeper.connect-string=" + zk.getConnectString(),
          "spillover.fleet.zookeeper.lease-block=2",
          "spillover.configs.default.function.provider=twins",
          "spillover.configs.default.function.target=echo",
          "spillover.configs.default.limit.type=fixed",
          "spillover.configs.default.limit.value=1",
          "spillover.configs.default.max-wait=0ms",
          "spillover.configs.default.fleet-max-concurrent-spills=3").run(context -> {
            assertThat(context).hasNotFailed();
            ZooKeeperFleetStore store = context.getBean(ZooKeeperFleetStore.class);
            Spillway<String, String> svc = context.getBean(Spillways.class)
                .spillway("svc", String.class, String.class);
            assertThat(svc.config().fleetMaxConcurrentSpills()).isEqualTo(3);
            assertThat(store.syncNow()).isTrue();
            assertThat(store.lease("svc").leased()).as("one block").isEqualTo(2);
            svc.callAsync("held", s -> new CompletableFuture<>());
            assertThat(svc.call("a", s -> s)).isEqualTo("twin:a");
            assertThat(store.lease("svc").inFlight()).as("the permit is back").isZero();
          });
    }
  }
}
