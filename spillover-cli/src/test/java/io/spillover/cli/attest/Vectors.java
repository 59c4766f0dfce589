package io.spillover.cli.attest;

import static org.assertj.core.api.Assertions.fail;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The repository's attestation vectors (data/attestation), which the pom puts on the test classpath. */
final class Vectors {
  private Vectors() {}

  static String file(String relative) {
    URL url = Vectors.class.getResource("/data/attestation/" + relative);
    if (url == null) {
      fail("attestation vector missing from the test classpath: data/attestation/" + relative
          + " (the pom copies the repository's data/attestation there)");
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
