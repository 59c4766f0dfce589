package io.spillover.samples.social.storage.internal;

import io.spillover.samples.social.model.Url;
import io.spillover.samples.social.storage.UrlStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Short to long URLs in a concurrent map, up to a fixed count. */
public final class InMemoryUrlStore implements UrlStore {
  private final Map<String, String> urls = new ConcurrentHashMap<>();
  private final Capacity capacity;

  public InMemoryUrlStore(int maxUrls) {
    this.capacity = new Capacity("url", maxUrls);
  }

  @Override
  public List<Url> insertAll(List<Url> pairs) {
    capacity.reserve(pairs.size());
    List<Url> taken = new ArrayList<>();
    for (Url url : pairs) {
      if (urls.putIfAbsent(url.shortenedUrl(), url.expandedUrl()) != null) {
        taken.add(url);
      }
    }
    capacity.release(taken.size());
    return taken;
  }

  @Override
  public Map<String, String> expand(Collection<String> shortenedUrls) {
    Map<String, String> found = new HashMap<>();
    for (String shortUrl : shortenedUrls) {
      String longUrl = shortUrl == null ? null : urls.get(shortUrl);
      if (longUrl != null) {
        found.put(shortUrl, longUrl);
      }
    }
    return found;
  }
}
