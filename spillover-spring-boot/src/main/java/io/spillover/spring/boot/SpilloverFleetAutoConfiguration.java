package io.spillover.spring.boot;

import io.spillover.SpilloverRegistry;
import io.spillover.fleet.FleetStore;
import io.spillover.zookeeper.ZooKeeperFleetStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fleet store: a {@link ZooKeeperFleetStore} from {@code spillover.fleet.zookeeper.*} when
 * spillover-zookeeper is on the class path and a connect string is set, and, for it or for the
 * application's own {@link FleetStore} bean, the registry's {@code fleet(...)}.
 */
@AutoConfiguration(before = SpilloverAutoConfiguration.class)
@ConditionalOnClass(SpilloverRegistry.class)
@ConditionalOnBooleanProperty(name = "spillover.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SpilloverProperties.class)
public class SpilloverFleetAutoConfiguration {

  @Bean
  SpilloverRegistryCustomizer spilloverFleetStoreCustomizer(ObjectProvider<FleetStore> stores) {
    return builder -> stores.ifUnique(builder::fleet);
  }

  /** The ZooKeeper store, when configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ZooKeeperFleetStore.class)
  @ConditionalOnProperty(prefix = "spillover.fleet.zookeeper", name = "connect-string")
  static class ZooKeeperStore {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(FleetStore.class)
    ZooKeeperFleetStore spilloverFleetStore(SpilloverProperties properties) {
      FleetProperties.ZooKeeper zk = properties.getFleet().getZookeeper();
      ZooKeeperFleetStore.Builder b = ZooKeeperFleetStore.builder()
          .connectString(zk.getConnectString()).root(zk.getRoot())
          .syncInterval(zk.getSyncInterval()).staleAfter(zk.getStaleAfter())
          .sessionTimeout(zk.getSessionTimeout()).connectionTimeout(zk.getConnectionTimeout())
          .expectedMembers(zk.getExpectedMembers()).leaseBlock(zk.getLeaseBlock());
      if (zk.getMember() != null) {
        b.member(zk.getMember());
      }
      return b.build();
    }
  }
}
