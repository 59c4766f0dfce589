package io.spillover.samples.social.service;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Checks;
import io.spillover.samples.social.model.Url;
import io.spillover.samples.social.service.internal.Passwords;
import io.spillover.samples.social.storage.UrlStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/** url-shorten: gives each URL a random short form and stores the pair (one bulk write per call). */
public final class UrlShortenService {
  /** Every short URL starts with this. */
  public static final String PREFIX = "http://short-url/";
  private static final int CODE_LENGTH = 10;
  private static final int ATTEMPTS = 4;

  /** {@code ComposeUrls}. */
  public record ComposeUrlsRequest(long reqId, List<String> urls) {
    /** Copies the list; null means empty. */
    public ComposeUrlsRequest {
      urls = Checks.copy(urls, "urls");
    }
  }

  /** One pair per input URL, in input order. */
  public record ComposeUrlsResponse(List<Url> urls) {
    /** Copies the list. */
    public ComposeUrlsResponse {
      urls = Checks.copy(urls, "urls");
    }
  }

  /** {@code GetExtendedUrls}. */
  public record GetExtendedUrlsRequest(long reqId, List<String> shortenedUrls) {
    /** Copies the list; null means empty. */
    public GetExtendedUrlsRequest {
      shortenedUrls = Checks.copy(shortenedUrls, "shortened_urls");
    }
  }

  /** The long URLs, in input order. */
  public record GetExtendedUrlsResponse(List<String> expandedUrls) {
    /** Copies the list. */
    public GetExtendedUrlsResponse {
      expandedUrls = Checks.copy(expandedUrls, "expanded_urls");
    }
  }

  private final UrlStore store;
  private final Random random;

  /** A service over {@code store}; {@code random} draws the short codes (thread-safe). */
  public UrlShortenService(UrlStore store, Random random) {
    this.store = Objects.requireNonNull(store, "store");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Shortens every URL; an empty list writes nothing. */
  public ComposeUrlsResponse composeUrls(ComposeUrlsRequest request) {
    Checks.present(request, "request");
    Set<String> used = new HashSet<>();
    List<Url> urls = new ArrayList<>(request.urls().size());
    for (String url : request.urls()) {
      urls.add(new Url(newShortUrl(used), url));
    }
    List<Url> pending = urls;
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      if (attempt == ATTEMPTS) {
        throw new ServiceException(ErrorCode.INTERNAL, "no free short URL after " + ATTEMPTS + " attempts");
      }
      List<Url> taken = store.insertAll(pending);
      pending = new ArrayList<>(taken.size());
      for (Url clash : taken) {
        // short URLs are distinct within one request, so the clash has exactly one index
        Url fresh = new Url(newShortUrl(used), clash.expandedUrl());
        urls.set(urls.indexOf(clash), fresh);
        pending.add(fresh);
      }
    }
    return new ComposeUrlsResponse(urls);
  }

  /**
   * The long form of each short URL (implemented here; the original returns an empty list).
   *
   * @throws ServiceException NOT_FOUND naming the first unknown short URL
   */
  public GetExtendedUrlsResponse getExtendedUrls(GetExtendedUrlsRequest request) {
    Checks.present(request, "request");
    Map<String, String> found = new LinkedHashMap<>(store.expand(request.shortenedUrls()));
    List<String> expanded = new ArrayList<>(request.shortenedUrls().size());
    for (String shortUrl : request.shortenedUrls()) {
      String longUrl = found.get(shortUrl);
      if (longUrl == null) {
        throw ServiceException.notFound("Short URL " + shortUrl + " is unknown");
      }
      expanded.add(longUrl);
    }
    return new GetExtendedUrlsResponse(expanded);
  }

  private String newShortUrl(Set<String> used) {
    String shortUrl;
    do {
      shortUrl = PREFIX + Passwords.randomAlphanumeric(random, CODE_LENGTH);
    } while (!used.add(shortUrl));
    return shortUrl;
  }
}
