package io.spillover.spring.boot.internal;

import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.TargetCheckMode;
import io.spillover.function.FunctionProvider;
import io.spillover.spring.boot.SpilloverProperties;
import io.spillover.spring.boot.SpilloverPropertiesException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * When the context starts, after every singleton (and so every {@code @Spillover} spillway)
 * exists and before the web server takes requests: checks the {@code spillover.*} properties
 * (keys no setting has, spillways nothing created) and logs one INFO line per provider and per
 * spillway.
 */
public final class StartupReport implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger("io.spillover.spring.boot.Spillover");
  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("spillover");

  private final SpilloverRegistry registry;
  private final SpilloverProperties properties;
  private final ConfigurableEnvironment environment;
  private volatile boolean running;

  public StartupReport(SpilloverRegistry registry, SpilloverProperties properties,
      ConfigurableEnvironment environment) {
    this.registry = registry;
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public void start() {
    running = true;
    TargetCheckMode mode = properties.getStartupCheck().getProperties();
    if (mode != TargetCheckMode.OFF) {
      List<String> problems = problems();
      if (!problems.isEmpty() && mode == TargetCheckMode.FAIL) {
        throw new SpilloverPropertiesException(problems);
      }
      problems.forEach(p -> LOG.warn("Spillover: {}", p));
    }
    for (FunctionProvider p : registry.providers()) {
      LOG.info("Spillover provider '{}': {}", p.name(), p);
    }
    List<Spillway<?, ?>> spillways = new ArrayList<>(registry.all());
    spillways.sort((a, b) -> a.name().compareTo(b.name()));
    spillways.forEach(s -> LOG.info("Spillover spillway '{}': {}", s.name(), describe(s)));
  }

  /** Every problem of the properties, in a stable order. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<ConfigurationPropertyName> names = new TreeSet<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      // environment variables map to keys ambiguously (is COMPOSE_POST one key or two?): they
      // are left out rather than reported wrongly
      if (source instanceof IterableConfigurationPropertySource iterable
          && !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
        iterable.stream().filter(ROOT::isAncestorOf).forEach(names::add);
      }
    }
    for (ConfigurationPropertyName name : names) {
      PropertyKeys.check(SpilloverProperties.class, name, 1).ifPresent(problems::add);
    }
    Set<String> created = new LinkedHashSet<>();
    registry.all().forEach(s -> created.add(s.name()));
    for (String name : properties.getSpillways().keySet()) {
      if (!created.contains(name)) {
        StringBuilder s = new StringBuilder("'spillover.spillways." + name + "' configures a "
            + "spillway that nothing created at startup (no @Spillover(\"" + name + "\") method, "
            + "no Spillways.spillway(\"" + name + "\", ...) call)");
        PropertyKeys.nearest(name, List.copyOf(created)).ifPresent(n ->
            s.append("; did you mean 'spillover.spillways.").append(n).append("'?"));
        problems.add(s.toString());
      }
    }
    return problems;
  }

  private static String describe(Spillway<?, ?> s) {
    SpillwayConfig c = s.config();
    return (c.function() == null ? "no function (never spills)" : "spills to " + c.function())
        + ", local limit " + s.metrics().limit() + ", timeout " + c.timeout().toMillis()
        + " ms, max-wait " + c.maxWait().toMillis() + " ms, max-concurrent-spills "
        + c.maxConcurrentSpills();
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server (which starts in a later phase) takes requests. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
