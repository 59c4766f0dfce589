package io.spillover.samples.social.vm;

import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.limit.LimitFactory;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.samples.social.spill.ServiceCall;
import io.spillover.samples.social.spill.ServiceReply;
import io.spillover.samples.social.spill.ServiceTimes;
import io.spillover.samples.social.spill.ServiceWork;
import io.spillover.samples.social.spill.SpillwayCaller;
import io.spillover.samples.social.storage.Storage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The VM side of the socialNetwork: a Spring Boot application on the Spillover starter. The
 * starter builds the registry and the Lambda provider from {@code spillover.*} properties; this
 * class puts every logic service behind its own spillway, whose limit is that service's VM worker
 * pool (or an adaptive limit in front of it), on the named config {@value #CONFIG} (timeouts, waiting, the function twin). One twin
 * deployment serves every service, so its concurrency is shared:
 * {@code spillover.functions.twin.max-concurrency} caps the calls in flight to it.
 *
 * <p>The storage tier ({@link Storage}) and the pools ({@link VmPools}) are beans the host
 * supplies: the spike lab registers them before the context starts, so every setup shares one
 * storage tier and the lab can resize pools (autoscaling, a lost VM) while the context runs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SocialVmApplication {
  /** The named spillway config every logic service starts from. */
  public static final String CONFIG = "social";

  /** The logic services, each call through its service's spillway. */
  @Bean
  SocialNetwork socialNetwork(SpilloverRegistry registry, Storage storage, VmPools pools) {
    SpillwayConfig base = registry.configuration(CONFIG);
    Map<String, Spillway<ServiceCall, ServiceReply>> spillways = new LinkedHashMap<>();
    pools.all().forEach((service, pool) -> spillways.put(service, registry.spillway(service,
        SpillwayConfig.from(base).limit(pools.limit(service)).build(), ServiceCall.class,
        ServiceReply.class)));
    ServiceWork work = service -> pools.all().get(service).run(() -> ServiceTimes.spend(service));
    return SocialNetwork.builder().storage(storage)
        .caller(new SpillwayCaller(spillways, work)).machineId(2).build();
  }

  /**
   * The VM worker pools, one per logic service, and each spillway's limit: the pool itself (a
   * permit is a free worker), or an adaptive limit that learns the pool's size from latency.
   */
  public static final class VmPools {
    private final Map<String, VmCapacity> pools;
    private final Map<String, LimitFactory> limits;

    /** Each spillway's limit is its pool. */
    public VmPools(Map<String, VmCapacity> pools) {
      this(pools, Map.of());
    }

    /** The spillways named in {@code limits} use that limit in front of their pool. */
    public VmPools(Map<String, VmCapacity> pools, Map<String, LimitFactory> limits) {
      this.pools = Map.copyOf(pools);
      this.limits = Map.copyOf(limits);
    }

    Map<String, VmCapacity> all() {
      return pools;
    }

    LimitFactory limit(String service) {
      LimitFactory own = limits.get(service);
      return own != null ? own : pools.get(service).limit();
    }
  }
}
