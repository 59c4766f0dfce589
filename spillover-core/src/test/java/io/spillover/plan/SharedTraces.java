package io.spillover.plan;

import java.nio.file.Files;
import java.nio.file.Path;

/** The staged traces under the shared data directory; fails (never skips) when it is missing. */
final class SharedTraces {
  private SharedTraces() {}

  static Path file(String name) {
    String property = System.getProperty("spillover.shared.dir");
    Path shared = property != null && !property.isBlank()
        ? Path.of(property) : Path.of("").toAbsolutePath().resolve("../../shared").normalize();
    Path file = shared.resolve("data/traces").resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("trace " + file.toAbsolutePath() + " not found (set"
          + " -Dspillover.shared.dir to the directory holding data/traces)");
    }
    return file;
  }
}
