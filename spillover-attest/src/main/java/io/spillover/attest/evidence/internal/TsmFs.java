package io.spillover.attest.evidence.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file operations configfs-tsm needs; replaceable so tests can emulate the kernel. */
public interface TsmFs {
  void mkdir(Path dir) throws IOException;

  void write(Path file, byte[] data) throws IOException;

  byte[] read(Path file) throws IOException;

  boolean exists(Path file);

  void rmdir(Path dir) throws IOException;

  /** The real file system (configfs creates the entry's attribute files on mkdir). */
  static TsmFs files() {
    return new TsmFs() {
      @Override
      public void mkdir(Path dir) throws IOException {
        Files.createDirectory(dir);
      }

      @Override
      public void write(Path file, byte[] data) throws IOException {
        Files.write(file, data);
      }

      @Override
      public byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
      }

      @Override
      public boolean exists(Path file) {
        return Files.exists(file);
      }

      @Override
      public void rmdir(Path dir) throws IOException {
        Files.delete(dir);
      }
    };
  }
}
