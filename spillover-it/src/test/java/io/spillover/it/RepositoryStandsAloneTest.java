package io.spillover.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A clone of the repository has nothing beside it: no file may send the build, a test or the demo
 * to the data directory that used to sit next to the project (the data is in {@code data/}).
 * {@code .ci/run} proves the same by building and testing a lone clone.
 */
class RepositoryStandsAloneTest {
  // spelled in pieces so that this file does not match itself
  private static final List<String> FORBIDDEN = List.of(
      ".." + "/shared", "SPILLOVER" + "_SHARED", "spillover" + ".shared.dir");

  @Test
  void noFileReadsDataFromOutsideTheRepository() throws IOException {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    assertThat(root.resolve("data/README.md")).as("the repository root").isRegularFile();
    List<String> hits = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.equals(".git") || name.equals("target") ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.size() < 2_000_000) {
          String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          for (String s : FORBIDDEN) {
            if (text.contains(s)) {
              hits.add(root.relativize(file) + " names " + s);
            }
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
    assertThat(hits).as("files that reach outside the repository").isEmpty();
  }
}
