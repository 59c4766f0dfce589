package io.spillover.cli.attest;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared attestation vectors; fails loudly when the data is missing. */
final class Vectors {
  private Vectors() {}

  static String file(String relative) {
    String prop = System.getProperty("spillover.shared.dir");
    Path base = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..", "..", "shared");
    Path p = base.resolve("data").resolve("attestation").resolve(relative);
    if (!Files.isRegularFile(p)) {
      fail("attestation vector missing: " + p.toAbsolutePath()
          + " (set -Dspillover.shared.dir to the shared directory)");
    }
    return p.toString();
  }
}
