package io.spillover.samples.social.storage;

import java.util.Optional;

/** Uploaded media blobs by file name {@code <media_id>.<ext>} (DeathStarBench: {@code media.media}). */
public interface MediaStore {

  /**
   * Stores {@code content} under {@code filename} unless the name is taken.
   *
   * @return false if the name is taken
   * @throws io.spillover.samples.social.ServiceException STORAGE_FULL when the blob does not fit
   */
  boolean put(String filename, byte[] content);

  /** The blob stored under {@code filename}, if any. */
  Optional<byte[]> get(String filename);
}
