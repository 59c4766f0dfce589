package io.spillover.attest.keyservice;

import io.spillover.SpilloverException;
import java.nio.file.Path;

/**
 * The key service's config file is unreadable or wrong: not JSON, a value of the wrong type, an
 * unknown or duplicate key, or a value out of range. {@link #key()} names the offending key as a
 * path ({@code functions.triage.platforms}, {@code functions.triage.callers[1]}); the service does
 * not start, since a misread config could weaken a policy or drop TLS without anyone noticing.
 */
public final class KeyServiceConfigException extends SpilloverException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final String key;

  public KeyServiceConfigException(Path file, String key, String problem, Throwable cause) {
    super("invalid key service config " + file + ": "
        + (key.isEmpty() ? "" : "'" + key + "' ") + problem, cause);
    this.file = file;
    this.key = key;
  }

  /** The config file. */
  public Path file() {
    return file;
  }

  /** The offending key's path from the top of the file; empty when the file as a whole is. */
  public String key() {
    return key;
  }
}
