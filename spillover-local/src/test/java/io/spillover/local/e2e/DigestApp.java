package io.spillover.local.e2e;

import io.spillover.function.FunctionApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The service of the end-to-end tests: a SHA-256 digest of a text. The same code runs locally
 * (in the test JVM) and as the function twin (in a worker JVM); {@code where} tells them apart.
 */
public final class DigestApp {
  /** A text to digest; with {@code holdDir} set, the call blocks until {@code holdDir/release}. */
  public record DigestRequest(String text, String holdDir) {
    public static DigestRequest of(String text) {
      return new DigestRequest(text, null);
    }
  }

  /** The digest, and the pid of the JVM that computed it. */
  public record Digest(String sha256, long pid) {}

  private DigestApp() {}

  public static FunctionApp create() {
    return FunctionApp.builder()
        .handle("digest", DigestRequest.class, Digest.class, DigestApp::digest)
        .build();
  }

  public static Digest digest(DigestRequest request) {
    try {
      if (request.holdDir() != null) {
        hold(Path.of(request.holdDir()));
      }
      return new Digest(sha256(request.text()), ProcessHandle.current().pid());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static void hold(Path dir) throws Exception {
    Files.writeString(dir.resolve("started-" + ProcessHandle.current().pid()), "");
    long limit = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(dir.resolve("release")) && System.nanoTime() < limit) {
      Thread.sleep(5); // the test releases by creating the file
    }
  }
}
