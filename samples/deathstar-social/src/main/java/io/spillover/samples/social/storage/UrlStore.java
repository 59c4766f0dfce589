package io.spillover.samples.social.storage;

import io.spillover.samples.social.model.Url;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Short URL to long URL (DeathStarBench: {@code url-shorten.url-shorten} in MongoDB). */
public interface UrlStore {

  /**
   * Stores every pair whose short URL is free.
   *
   * @return the pairs that were NOT stored because their short URL is taken (normally empty)
   * @throws io.spillover.samples.social.ServiceException STORAGE_FULL (then nothing is stored)
   */
  List<Url> insertAll(List<Url> urls);

  /** The long URL of each known short URL; unknown ones are absent. */
  Map<String, String> expand(Collection<String> shortenedUrls);
}
