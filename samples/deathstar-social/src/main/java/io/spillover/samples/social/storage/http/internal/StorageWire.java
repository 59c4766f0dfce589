package io.spillover.samples.social.storage.http.internal;

import io.spillover.samples.social.ErrorCode;
import io.spillover.samples.social.model.Url;
import java.util.List;

/**
 * The storage HTTP API: {@code POST /storage/<store>/<method>} with a JSON argument object, answered
 * by the JSON result (200) or by {@link Failure} with the error code's HTTP status.
 */
public final class StorageWire {
  private StorageWire() {}

  public static final String PREFIX = "/storage/";

  public record Failure(ErrorCode code, String message) {}

  public record UsernameArg(String username) {}

  public record UsernamesArg(List<String> usernames) {}

  public record UserIdArg(long userId) {}

  public record EdgeArg(long userId, long followeeId, long timestamp) {}

  public record PostIdsArg(List<Long> postIds) {}

  public record TimelineAddArg(List<Long> owners, long postId, long timestamp) {}

  public record RangeArg(long owner, int start, int stop) {}

  public record UrlsArg(List<Url> urls) {}

  public record ShortUrlsArg(List<String> shortenedUrls) {}

  public record MediaPutArg(String filename, byte[] content) {}

  public record FilenameArg(String filename) {}
}
