package io.spillover.samples.social.lab;

import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayListener;
import io.spillover.limit.LimitFactory;
import io.spillover.samples.social.SocialNetwork;
import io.spillover.samples.social.storage.Storage;
import io.spillover.samples.social.vm.SocialVmApplication;
import io.spillover.samples.social.vm.VmCapacity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One setup's VM side: {@link SocialVmApplication} started with the setup's {@code spillover.*}
 * properties (the twin on the local platform only when the setup spills), over the lab's shared
 * storage tier and the setup's worker pools.
 */
final class VmSide implements AutoCloseable {
  /** The prefix of the named spillway config every logic service starts from. */
  static final String CONFIG_PREFIX = "spillover.configs." + SocialVmApplication.CONFIG + ".";
  private final ConfigurableApplicationContext context;

  private VmSide(ConfigurableApplicationContext context) {
    this.context = context;
  }

  static VmSide start(LabEnvironment env, boolean spill, Map<String, VmCapacity> pools,
      Map<String, LimitFactory> limits, SpillwayListener listener) {
    return start(properties(env.sloMs(), env.compression(),
        spill ? env.platformEndpoint() : null, env.functionConcurrency()), env.storage(),
        new SocialVmApplication.VmPools(pools, limits), listener);
  }

  /**
   * The lab's {@code spillover.*} properties of a VM side: the named config's timeouts and
   * advice clock, and, when {@code platformEndpoint} is not null, the Lambda twin on the local
   * platform with at most {@code functionConcurrency} calls in flight to it from this VM.
   */
  static Map<String, Object> properties(double sloMs, double compression,
      String platformEndpoint, int functionConcurrency) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.main.banner-mode", "off");
    p.put("spring.main.log-startup-info", "false");
    p.put("logging.level.root", "WARN");
    String config = CONFIG_PREFIX;
    p.put(config + "latency-slo", (long) sloMs + "ms");
    p.put(config + "timeout", "10s");
    p.put(config + "max-wait", "2s");
    p.put(config + "max-waiting", "5000");
    // the scale advice on the trace's clock: a one-minute window, held for two minutes
    p.put(config + "advice-window", Math.round(60_000 / compression) + "ms");
    p.put(config + "advice-cool-down", Math.round(120_000 / compression) + "ms");
    p.put("spillover.tick-interval", "100ms");
    if (platformEndpoint != null) {
      p.put("spillover.providers.lambda.enabled", "true");
      p.put("spillover.providers.lambda.region", "us-east-1");
      p.put("spillover.providers.lambda.endpoint-override", platformEndpoint);
      p.put("spillover.providers.lambda.credentials.access-key-id", "local");
      p.put("spillover.providers.lambda.credentials.secret-access-key", "local");
      p.put(config + "function.provider", "lambda");
      p.put(config + "function.target", LabEnvironment.TWIN);
      p.put(config + "retry.attempts", "3");
      p.put(config + "retry.backoff", "20ms");
      p.put("spillover.functions.twin.provider", "lambda");
      p.put("spillover.functions.twin.target", LabEnvironment.TWIN);
      p.put("spillover.functions.twin.max-concurrency", Integer.toString(functionConcurrency));
    }
    return p;
  }

  /** Starts {@link SocialVmApplication} with {@code properties} over {@code storage}. */
  static VmSide start(Map<String, Object> properties, Storage storage,
      SocialVmApplication.VmPools pools, SpillwayListener listener) {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(SocialVmApplication.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .initializers(c -> {
          ConfigurableListableBeanFactory beans = c.getBeanFactory();
          beans.registerSingleton("storage", storage);
          beans.registerSingleton("vmPools", pools);
          beans.registerSingleton("labListener", listener);
        })
        .run();
    return new VmSide(context);
  }

  SocialNetwork network() {
    return context.getBean(SocialNetwork.class);
  }

  SpilloverRegistry registry() {
    return context.getBean(SpilloverRegistry.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
