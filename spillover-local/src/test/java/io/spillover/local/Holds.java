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
