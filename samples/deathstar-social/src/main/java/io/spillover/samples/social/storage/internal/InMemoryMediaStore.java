package io.spillover.samples.social.storage.internal;

import io.spillover.samples.social.storage.MediaStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Media blobs in a concurrent map, bounded by their total size in bytes. */
public final class InMemoryMediaStore implements MediaStore {
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Capacity bytes;

  public InMemoryMediaStore(long maxBytes) {
    this.bytes = new Capacity("media", maxBytes);
  }

  @Override
  public boolean put(String filename, byte[] content) {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(content, "content");
    if (blobs.containsKey(filename)) {
      return false;
    }
    bytes.reserve(content.length);
    if (blobs.putIfAbsent(filename, content.clone()) != null) {
      bytes.release(content.length);
      return false;
    }
    return true;
  }

  @Override
  public Optional<byte[]> get(String filename) {
    byte[] blob = filename == null ? null : blobs.get(filename);
    return blob == null ? Optional.empty() : Optional.of(blob.clone());
  }
}
