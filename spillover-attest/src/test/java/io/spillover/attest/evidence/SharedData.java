package io.spillover.attest.evidence;

import static org.assertj.core.api.Assertions.fail;

import io.spillover.attest.evidence.internal.Certs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access to the attestation vectors under the repository's {@code data/attestation}, which the pom
 * puts on the test classpath; fails loudly when the data is missing.
 */
public final class SharedData {
  private SharedData() {}

  public static Path dir() {
    URL vectors = SharedData.class.getResource("/data/attestation/VECTORS.json");
    if (vectors == null) {
      fail("attestation vectors (data/attestation/VECTORS.json) are not on the test classpath"
          + " (the pom copies the repository's data/attestation there)");
    }
    try {
      return Path.of(vectors.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + vectors, e);
    }
  }

  public static Path file(String relative) {
    Path p = dir().resolve(relative);
    if (!Files.isRegularFile(p)) {
      fail("attestation data file missing: " + p);
    }
    return p;
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(bytes(relative), java.nio.charset.StandardCharsets.UTF_8);
  }

  public static List<X509Certificate> certs(String relative) {
    return Certs.parseAll(bytes(relative));
  }

  public static JsonNode vectors() {
    return JsonMapper.builder().build().readTree(text("VECTORS.json"));
  }
}
