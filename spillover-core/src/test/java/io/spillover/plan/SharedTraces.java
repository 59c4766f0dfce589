package io.spillover.plan;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The traces under the repository's {@code data/traces}, which the pom puts on the test classpath;
 * fails (never skips) when one is missing.
 */
final class SharedTraces {
  private SharedTraces() {}

  static Path file(String name) {
    URL url = SharedTraces.class.getResource("/data/traces/" + name);
    if (url == null) {
      throw new AssertionError("trace data/traces/" + name + " is not on the test classpath"
          + " (the pom copies the repository's data/traces there)");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError("bad resource URL " + url, e);
    }
  }
}
