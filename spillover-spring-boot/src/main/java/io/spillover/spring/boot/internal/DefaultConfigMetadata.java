package io.spillover.spring.boot.internal;

import io.spillover.spring.boot.SpillwayProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Never a bean: it exists so that the configuration processor writes metadata (type,
 * description) for every {@code spillover.configs.default.*} key, from the same javadoc as the
 * per-spillway keys. IDEs then complete and describe the keys of the default config, which every
 * spillway starts from; {@code spillover.spillways.<name>.*} takes the same keys.
 */
@ConfigurationProperties("spillover.configs.default")
final class DefaultConfigMetadata extends SpillwayProperties {}
