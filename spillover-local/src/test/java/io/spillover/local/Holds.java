package io.spillover.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Requests that block in the function until released: concurrency without timing guesses. */
final class Holds {
  final Path dir;

  Holds(Path parent, String name) throws IOException {
    this.dir = Files.createDirectories(parent.resolve(name));
  }

  byte[] envelope() {
    return Fixtures.hold(dir);
  }

  /** Pids of the workers whose hold has started, one entry per started hold. */
  List<Long> started() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("started-"))
          .map(n -> Long.parseLong(n.split("-")[1])).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until {@code n} holds have started; on timeout fails with the platform's state and the
   * tail of every worker log, so a failure says why.
   */
  void awaitStarted(int n, LocalPlatform platform) {
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
          .until(() -> started().size() >= n);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder sb = new StringBuilder("holds started: " + started() + ", platform: "
          + platform.stats());
      try (Stream<Path> logs = Files.walk(platform.workDir().resolve("logs"))) {
        for (Path log : logs.filter(Files::isRegularFile).collect(Collectors.toList())) {
          String text = Files.readString(log);
          sb.append("\n== ").append(log.getFileName()).append('\n')
              .append(text.substring(Math.max(0, text.length() - 2000)));
        }
      } catch (IOException io) {
        sb.append("\n(cannot read logs: ").append(io).append(')');
      }
      throw new AssertionError(sb.toString(), e);
    }
  }

  void release() throws IOException {
    Files.writeString(dir.resolve("release"), "");
  }

  static CompletableFuture<Fixtures.Reply> async(IoCall call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return call.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  interface IoCall {
    Fixtures.Reply run() throws IOException;
  }
}
